"""Load test: 50 concurrent signed-in clients for 60 s against the real server, per database.

Run: .venv/bin/python benchmarks/load.py [--postgres] [--clients 50] [--seconds 60]

gunicorn (2 workers) serves the demo couple with a year of history on loopback. Each client is
signed in as one of the two partners and loops over Today, History, the daily question,
Listening and two API reads. Prints requests per second, p50/p99 per route and overall, and
the error count (anything but 200, or a broken connection); the signed-in bare view is loaded
the same way first, as the reference for this machine and this moment.
"""

import argparse
import http.client
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402  (benchmarks/pages.py: set-up, demo couple, server)

ROUTES = [
    "/today/",
    "/checkin/history/",
    "/questions/",
    "/listening/",
    "/api/v1/checkins",
    "/api/v1/sharing/today",
]


def run(port: int, cookies: list[str], paths: list[str], clients: int, seconds: float) -> dict:
    results: dict[str, list[float]] = {path: [] for path in paths}
    errors = [0]
    lock = threading.Lock()
    end = time.monotonic() + seconds

    def client(n: int) -> None:
        cookie = cookies[n % len(cookies)]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: dict[str, list[float]] = {path: [] for path in paths}
        failed, i = 0, n
        while time.monotonic() < end:
            path = paths[i % len(paths)]
            i += 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            if ok:
                mine[path].append(time.perf_counter() - start)
            failed += not ok
        with lock:
            for path, times in mine.items():
                results[path].extend(times)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    every = sorted(t for times in results.values() for t in times)
    return {"elapsed": elapsed, "errors": errors[0], "all": every, "per": results}


def pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return 1000 * ordered[max(0, int(len(ordered) * q) - 1)] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--port", type=int, default=8767)
    args = parser.parse_args()
    data_dir = pages.setup(args.postgres)
    from attunement.accounts.models import User

    alex, _ = pages.demo_pages()
    sam = User.objects.get(email="sam@example.com")
    cookies = [pages.session_cookie(alex), pages.session_cookie(sam)]
    server = pages.serve(data_dir, args.port)
    database = "PostgreSQL" if args.postgres else "SQLite"
    try:
        run(args.port, cookies, ROUTES, 4, 3)  # warm up both workers
        bare = run(args.port, cookies, [pages.BARE], args.clients, min(args.seconds, 15))
        mixed = run(args.port, cookies, ROUTES, args.clients, args.seconds)
    finally:
        server.terminate()
        server.wait()
    print(
        f"Load on {database}: gunicorn 2 workers, {args.clients} signed-in clients, "
        f"{args.seconds:.0f} s of mixed pages (bare view: {min(args.seconds, 15):.0f} s)"
    )
    print(f"{'route':<26}{'requests':>10}{'p50 ms':>9}{'p99 ms':>9}")
    for path, times in mixed["per"].items():
        print(f"{path:<26}{len(times):>10}{pct(times, 0.5):>9.1f}{pct(times, 0.99):>9.1f}")
    for name, r in (("all mixed", mixed), ("bare /health/", bare)):
        rps = len(r["all"]) / r["elapsed"]
        print(
            f"{name:<26}{len(r['all']):>10}{pct(r['all'], 0.5):>9.1f}{pct(r['all'], 0.99):>9.1f}"
            f"   {rps:.0f} req/s, {r['errors']} errors"
        )
    print(f"median of all mixed: {1000 * statistics.median(mixed['all']):.1f} ms")
    if mixed["errors"] or bare["errors"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
