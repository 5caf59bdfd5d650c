"""Every signed-in page and the main API reads, beside the signed-in bare view, in one run.

Run: .venv/bin/python benchmarks/pages.py [--postgres] [--rounds 7] [--per-round 40]
     [--rates 50,100,150,200,300] [--seconds 8]

Part 1 (in process): the demo couple with a year of history; for each page, rounds that
alternate the page with `/health/` under the same session (session + user lookup, nothing
else), so a busy neighbour slows both alike. Prints the median time per request, the queries,
and the throughput ratio against the bare view (bare time / page time; the targets are Today
>= 0.4 and every other page >= 0.35).

Part 2 (open loop, gunicorn with 2 workers on loopback): Poisson arrivals of mixed signed-in
traffic (Today, History, the daily question, Listening, two API reads) at fixed rates, each
latency measured from the request's scheduled time, so a queue shows up as it would for people;
the same for the bare view. Prints p50/p99 per rate and the rate where p99 crosses 50 ms.

With --postgres it uses a scratch database `attunement_bench` on the local PostgreSQL.
"""

import argparse
import http.client
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BARE = "/health/"
MIXED = ["/today/", "/checkin/history/", "/questions/", "/listening/", "/api/v1/checkins"]
P99_LIMIT_MS = 50.0


def setup(postgres: bool) -> str:
    data_dir = tempfile.mkdtemp(prefix="attunement-pages-")
    os.environ["ATTUNEMENT_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "attunement.settings"
    os.environ.pop("PYTEST_VERSION", None)
    if postgres:
        base = "postgres://postgres@127.0.0.1:5432"
        for sql in ("DROP DATABASE IF EXISTS attunement_bench", "CREATE DATABASE attunement_bench"):
            subprocess.run(["psql", f"{base}/postgres", "-qc", sql], check=True)
        os.environ["DATABASE_URL"] = f"{base}/attunement_bench"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "-v", "0")
    call_command("createcachetable")
    call_command("collectstatic", "--no-input", "-v", "0")
    return data_dir


def demo_pages() -> tuple[object, list[str]]:
    """The demo couple with a year of history, and every signed-in page Alex can open."""
    from attunement.accounts.models import User
    from attunement.listening.models import Conversation
    from attunement.safety.models import JournalEntry
    from attunement.today.demo import create_demo

    create_demo(days=365)
    alex = User.objects.get(email="alex@example.com")
    conversation = Conversation.objects.filter(owner=alex).order_by("-created_at").first()
    entry = JournalEntry.objects.filter(owner=alex).first()
    pages = [
        "/today/",
        "/checkin/",
        "/checkin/history/",
        "/appreciations/",
        "/questions/",
        "/questions/history/",
        "/questions/together/",
        "/questions/comfort/",
        "/listening/",
        "/listening/progress/",
        "/safety/",
        "/journal/",
        "/couple/",
        "/settings/",
        "/settings/tokens/",
        "/api/v1/checkins",
        "/api/v1/appreciations",
        "/api/v1/sharing/today",
        "/api/v1/sharing/history",
        "/api/v1/listening/conversations",
        "/api/v1/couple",
    ]
    if conversation is not None:
        pages += [
            f"/listening/{conversation.uuid}/",
            f"/api/v1/listening/conversations/{conversation.uuid}",
        ]
    if entry is not None:
        pages.append(f"/journal/{entry.uuid}/")
    return alex, pages


def count_queries(client: object, url: str) -> int:
    from django.db import connection

    executed: list[str] = []

    def record(run, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return run(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(url)  # type: ignore[attr-defined]
    return len(executed)


def in_process(user: object, pages: list[str], rounds: int, per_round: int) -> list[tuple]:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    def timed(url: str) -> float:
        start = time.perf_counter()
        for _ in range(per_round):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return (time.perf_counter() - start) / per_round

    rows = []
    for url in pages:
        executed = count_queries(client, url)
        timed(url)  # warm up
        page_t, bare_t = [], []
        for _ in range(rounds):
            page_t.append(timed(url))
            bare_t.append(timed(BARE))
        page, bare = statistics.median(page_t), statistics.median(bare_t)
        rows.append((url, executed, 1000 * page, 1000 * bare, bare / page))
    return rows


def session_cookie(user: object) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def open_loop(port: int, cookie: str, paths: list[str], rate: float, seconds: float) -> dict:
    """Poisson arrivals at `rate` per second; latency counted from each scheduled time."""
    jobs: queue.Queue = queue.Queue()
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while (job := jobs.get()) is not None:
            scheduled, path = job
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            done = time.perf_counter()
            with lock:
                latencies.append(done - scheduled)
                errors[0] += not ok
        conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(48)]
    for t in threads:
        t.start()
    rng = random.Random(7)
    at = time.perf_counter() + 0.2
    end = at + seconds
    sent = 0
    while at < end:
        jobs.put((at, paths[sent % len(paths)]))
        sent += 1
        at += rng.expovariate(rate)
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    latencies.sort()
    return {
        "sent": sent,
        "errors": errors[0],
        "p50": 1000 * statistics.median(latencies),
        "p99": 1000 * latencies[max(0, int(len(latencies) * 0.99) - 1)],
    }


def serve(data_dir: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, ATTUNEMENT_DATA_DIR=data_dir, DEBUG="0", ALLOWED_HOSTS="127.0.0.1")
    command = [sys.executable, "-m", "gunicorn", "attunement.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--log-level", "warning"], env=env, cwd=ROOT
    )
    for _ in range(200):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            probe.request("GET", BARE)
            probe.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=40)
    parser.add_argument("--rates", default="50,100,150,200,300")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--no-open-loop", action="store_true")
    args = parser.parse_args()
    data_dir = setup(args.postgres)
    alex, pages = demo_pages()
    database = "PostgreSQL" if args.postgres else "SQLite"

    rows = in_process(alex, pages, args.rounds, args.per_round)
    print(f"In process, {database}, demo couple with 365 days, median of {args.rounds} rounds")
    print(f"{'page':<58}{'queries':>8}{'ms':>8}{'bare ms':>9}{'ratio':>7}")
    for url, queries, page_ms, bare_ms, ratio in rows:
        target = 0.4 if url == "/today/" else 0.35
        mark = "" if ratio >= target else f"  below {target}"
        print(f"{url:<58}{queries:>8}{page_ms:>8.2f}{bare_ms:>9.2f}{ratio:>7.2f}{mark}")
    if args.no_open_loop:
        return

    cookie = session_cookie(alex)
    server = serve(data_dir, args.port)
    try:
        open_loop(args.port, cookie, MIXED, 50, 2)  # warm up both workers
        print(f"\nOpen loop, {database}, gunicorn 2 workers, Poisson arrivals, {args.seconds} s")
        print(f"{'traffic':<10}{'rate/s':>8}{'sent':>7}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}")
        for name, paths in (("mixed", MIXED), ("bare", [BARE])):
            crossed = None
            for rate in [float(r) for r in args.rates.split(",")]:
                r = open_loop(args.port, cookie, paths, rate, args.seconds)
                print(
                    f"{name:<10}{rate:>8.0f}{r['sent']:>7}{r['errors']:>8}"
                    f"{r['p50']:>9.1f}{r['p99']:>9.1f}"
                )
                if crossed is None and r["p99"] > P99_LIMIT_MS:
                    crossed = rate
            where = f"at {crossed:.0f} req/s" if crossed else "not within the rates tried"
            print(f"{name}: p99 crosses {P99_LIMIT_MS:.0f} ms {where}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
