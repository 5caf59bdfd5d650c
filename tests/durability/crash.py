"""Crash drill: the real server is killed with SIGKILL mid-write, and no confirmed write is lost.

Run: python -m tests.durability.crash [--trials 30] [--postgres]

Each trial starts gunicorn (2 workers, production settings: SQLite in WAL mode with
synchronous=FULL, or PostgreSQL), lets four clients write journal entries through the API,
records every write the server confirmed (201 with its UUID), kills the whole server process
group with SIGKILL at a random moment, and checks that every confirmed write is in the database
with its text intact (and, on SQLite, that `PRAGMA integrity_check` says ok). Exits 1 on any
loss. `tests/durability/test_crash.py` runs a short version in the suite.
"""

import argparse
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4


def configure(postgres: bool) -> dict[str, str]:
    """Production settings for this process and the servers it starts (never the test ones)."""
    for name in [n for n in os.environ if n.startswith("PYTEST_")] + ["ATTUNEMENT_TESTING"]:
        os.environ.pop(name, None)
    os.environ.update(
        ATTUNEMENT_DATA_DIR=tempfile.mkdtemp(prefix="attunement-crash-"),
        DJANGO_SETTINGS_MODULE="attunement.settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
    )
    if postgres:
        base = os.getenv("CRASH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
        for sql in ("DROP DATABASE IF EXISTS attunement_crash", "CREATE DATABASE attunement_crash"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        os.environ["DATABASE_URL"] = f"{base}/attunement_crash"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from attunement.lib import crypto

    call_command("migrate", "--no-input", "-v", "0")
    call_command("collectstatic", "--no-input", "-v", "0")
    crypto.ensure_key_file()
    return dict(os.environ)


def make_writer_token() -> str:
    from attunement.accounts.models import PersonalToken, User

    user = User.objects.create_user("crash@example.com", "a long crash password", display_name="C")
    _, raw = PersonalToken.issue(user=user, name="crash drill", scope=PersonalToken.Scope.WRITE)
    return raw


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "attunement.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--log-level", "critical"],
        env=env,
        cwd=ROOT,
        start_new_session=True,  # its own process group, so one SIGKILL takes every worker
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        # A server of someone else's on the port would answer the probe: ours must be alive.
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited (is port {port} taken?)")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/health/", headers={"Host": "127.0.0.1"})
            if probe.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    os.killpg(server.pid, signal.SIGKILL)
    raise SystemExit("gunicorn did not start")


def write_until_killed(
    port: int, token: str, tag: str, confirmed: dict[str, str]
) -> tuple[threading.Event, list[threading.Thread]]:
    lock = threading.Lock()
    stop = threading.Event()
    refused: list[str] = []

    def writer(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        i = 0
        while not stop.is_set():
            text = f"crash drill {tag} writer {n} entry {i}"
            i += 1
            try:
                conn.request(
                    "POST",
                    "/api/v1/safety/journal",
                    body=json.dumps({"text": text}),
                    headers={
                        "Authorization": f"Bearer {token}",
                        "Content-Type": "application/json",
                        "Host": "127.0.0.1",
                    },
                )
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                return  # the server is gone: what it never confirmed may be lost
            if response.status == 201:
                with lock:
                    confirmed[json.loads(body)["uuid"]] = text
            elif not refused:
                refused.append(f"{response.status} {body[:200]!r}")

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    # Kill at a random moment once writes flow (the first ones wait for the workers to warm up).
    started, return_when = len(confirmed), time.monotonic() + 60
    while len(confirmed) < started + WRITERS and time.monotonic() < return_when:
        time.sleep(0.02)
    time.sleep(random.uniform(0.1, 2.0))
    if refused:
        print(f"the server refused a write: {refused[0]}", flush=True)
    return stop, threads


def check(confirmed: dict[str, str]) -> tuple[int, str]:
    """Confirmed writes missing or changed, and the database's own integrity verdict."""
    from django.db import connection

    from attunement.safety.models import JournalEntry

    connection.close()
    found = dict(JournalEntry.objects.filter(uuid__in=list(confirmed)).values_list("uuid", "text"))
    lost = sum(1 for uuid, text in confirmed.items() if found.get(_uuid(uuid)) != text)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            verdict = cursor.execute("PRAGMA integrity_check").fetchone()[0]
    else:
        verdict = "ok" if JournalEntry.objects.exists() else "empty"
    return lost, verdict


def _uuid(text: str) -> object:
    import uuid

    return uuid.UUID(text)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    args = parser.parse_args()
    env = configure(args.postgres)
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    token = make_writer_token()
    confirmed: dict[str, str] = {}
    failures = 0
    database = "PostgreSQL" if args.postgres else "SQLite (WAL, synchronous=FULL)"
    print(f"Crash drill on {database}: {args.trials} trials, {WRITERS} writers, SIGKILL")
    for trial in range(1, args.trials + 1):
        server = start_server(env, args.port)
        before = len(confirmed)
        stop, threads = write_until_killed(args.port, token, str(trial), confirmed)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        for t in threads:
            t.join()
        lost, verdict = check(confirmed)
        # A trial in which the server confirmed nothing proves nothing: it counts as failed.
        failures += lost > 0 or verdict != "ok" or len(confirmed) == before
        print(
            f"trial {trial:>2}: {len(confirmed) - before:>4} confirmed in this trial, "
            f"{len(confirmed):>5} in all, {lost} lost, integrity {verdict}"
        )
    print(f"{args.trials} trials, {len(confirmed)} confirmed writes, {failures} failed trials")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
