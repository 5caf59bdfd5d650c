"""Today page speed: gunicorn on loopback, a couple with a year of history, beside a bare view.

Run: .venv/bin/python benchmarks/today.py [--requests 2000] [--concurrency 4]
Prints p50/p99 latency and requests per second for /today/ and for /health/ (a bare Django
view through the same middleware), their ratio, and query counts for Today and History at one
month and at two years of history. Traffic goes to 127.0.0.1 only and stops by itself.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def setup_django(data_dir: str) -> None:
    os.environ["ATTUNEMENT_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "attunement.settings"
    os.environ.pop("PYTEST_VERSION", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "-v", "0")
    call_command("collectstatic", "--no-input", "-v", "0")


def make_couple(days: int, tag: str):
    from attunement.accounts.models import User
    from attunement.couples.models import Couple, Membership, Visibility
    from attunement.support.history_fixture import fill_history
    from attunement.support.models import CheckIn

    alice = User.objects.create_user(f"alice-{tag}@example.com", "x" * 16, display_name="Alice")
    bob = User.objects.create_user(f"bob-{tag}@example.com", "x" * 16, display_name="Bob")
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=alice)
    Membership.objects.create(couple=couple, user=bob)
    fill_history(alice, bob, couple, days)
    CheckIn.objects.create(
        owner=bob,
        couple=couple,
        local_date=bob.local_today(),
        feelings=["calm"],
        intensity=2,
        energy=2,
        need="comfort",
        note="today",
        visibility=Visibility.SHARED,
    )
    return alice


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def query_counts(user) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    counts = {}
    for url in ("/today/", "/checkin/history/"):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
        counts[url] = len(ctx.captured_queries)
    return counts


def load(port: int, path: str, cookie: str, requests: int, concurrency: int) -> dict[str, float]:
    latencies: list[float] = []
    lock = threading.Lock()
    per_thread = requests // concurrency
    deadline = time.monotonic() + 120

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        for _ in range(per_thread):
            if time.monotonic() > deadline:
                break
            start = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            assert response.status == 200, (path, response.status)
            mine.append(time.perf_counter() - start)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99) - 1],
        "rps": len(latencies) / elapsed,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="attunement-bench-")
    setup_django(data_dir)

    month, two_years = make_couple(30, "month"), make_couple(730, "years")
    counts_month, counts_years = query_counts(month), query_counts(two_years)
    year = make_couple(365, "year")
    cookie = session_cookie(year)

    env = dict(os.environ, ATTUNEMENT_DATA_DIR=data_dir, DEBUG="0")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "attunement.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                    "GET", "/health/"
                )
                break
            except OSError:
                time.sleep(0.1)
        load(args.port, "/today/", cookie, 100, 2)  # warm up
        bare = load(args.port, "/health/", cookie, args.requests, args.concurrency)
        today = load(args.port, "/today/", cookie, args.requests, args.concurrency)
    finally:
        server.terminate()
        server.wait()

    print(
        f"gunicorn {args.workers} workers, {args.concurrency} concurrent clients, "
        f"{args.requests} requests each, a couple with 365 days of history"
    )
    print(f"{'page':<16}{'p50 ms':>10}{'p99 ms':>10}{'req/s':>10}")
    for name, r in (("/health/ (bare)", bare), ("/today/", today)):
        print(f"{name:<16}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}{r['rps']:>10.0f}")
    print(
        f"Today throughput is {today['rps'] / bare['rps']:.2f}x the bare view "
        f"(p50 {today['p50_ms'] / bare['p50_ms']:.1f}x slower)"
    )
    print("queries per page at 1 month / 2 years of history:")
    for url in counts_month:
        print(f"  {url:<20}{counts_month[url]:>4} / {counts_years[url]}")


if __name__ == "__main__":
    main()
