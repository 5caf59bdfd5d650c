"""Insights speed: the progress page for a couple with two years of data, beside a reference
measured in the same run, and the reminder worker with 100,000 people due in the same minute
on SQLite and on PostgreSQL (two workers at once, duplicates counted).

Run: .venv/bin/python benchmarks/insights.py [--people 100000] [--requests 300]
     [--postgres postgres://postgres@127.0.0.1:5432/postgres]   (omit with --no-postgres)

The page part runs in process through Django's test client (no network): p50/p99 of
/insights/ and of its JSON API at two years, beside /health/ (a bare signed-in view through the
same middleware) and /today/, plus the query counts at one month and at two years. The worker
part runs each database in its own child process: it fills the reminders table, then two
worker processes call notifications.reminders.send_due until nothing is due, and every email
is counted by recipient. PostgreSQL gets a throwaway database, dropped at the end.
"""

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENT: list[str] = []


class CountingBackend:
    """An email backend that keeps only the recipient of every message (EMAIL_BACKEND)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list) -> int:
        for message in messages:
            SENT.extend(message.to)
        return len(messages)


def setup_django(data_dir: str, database_url: str = "", static: bool = False) -> None:
    os.environ["ATTUNEMENT_DATA_DIR"] = data_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "attunement.settings"
    os.environ["EMAIL_BACKEND"] = "benchmarks.insights.CountingBackend"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.pop("PYTEST_VERSION", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--no-input", "-v", "0")
    if static:
        call_command("collectstatic", "--no-input", "-v", "0")


# The progress page ------------------------------------------------------------------------


def make_couple(days: int, tag: str):
    from attunement.accounts.models import User
    from attunement.couples.models import Couple, Membership, Visibility
    from attunement.insights.models import PulseAnswer, monday
    from attunement.listening.models import Conversation, Rating
    from attunement.sharing.models import Answer, ServedQuestion
    from attunement.support.history_fixture import fill_history

    alice = User.objects.create_user(f"alice-{tag}@example.com", "x" * 16, display_name="Alice")
    bob = User.objects.create_user(f"bob-{tag}@example.com", "x" * 16, display_name="Bob")
    couple = Couple.objects.create()
    Membership.objects.create(couple=couple, user=alice)
    Membership.objects.create(couple=couple, user=bob)
    fill_history(alice, bob, couple, days)
    spread_over_days(couple)
    today = alice.local_today()
    weeks = days // 7
    PulseAnswer.objects.bulk_create(
        PulseAnswer(
            owner=person,
            couple=couple,
            visibility=Visibility.PRIVATE,
            week=monday(today) - timedelta(weeks=w),
            closeness=50 + w % 30,
            scores={"listening": 1 + w % 7, "sharing": 4, "support": 5, "empathy": 3},
            share_closeness=True,
        )
        for w in range(weeks)
        for person in (alice, bob)
    )
    served = ServedQuestion.objects.bulk_create(
        ServedQuestion(
            couple=couple,
            day=today - timedelta(days=d),
            question_id="q-0002",
            revealed_at=alice.local_now(),
        )
        for d in range(1, days + 1)
    )
    Answer.objects.bulk_create(
        (
            Answer(
                served=s,
                owner=p,
                couple=couple,
                visibility=Visibility.SEALED,
                revealed_at=alice.local_now(),
                text="an answer",
            )
            for s in served
            for p in (alice, bob)
        ),
        batch_size=500,
    )
    for n in range(weeks):
        conversation = Conversation.objects.create(
            owner=alice, partner=bob, couple=couple, mode="typed", level="light", topic_id="t-001"
        )
        Rating.objects.create(
            owner=alice,
            couple=couple,
            conversation=conversation,
            felt_heard=1 + n % 5,
            visibility=Visibility.PRIVATE,
        )
    return alice


def noon(day):
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(12), tzinfo=UTC)


def spread_over_days(couple) -> None:
    """fill_history writes every row "now": give each the time of its own day, as in life."""
    from attunement.support.models import CheckIn, Response

    check_ins = list(CheckIn.objects.filter(couple=couple))
    for c in check_ins:
        c.created_at = noon(c.local_date)
        c.turned_toward_at = c.created_at + timedelta(minutes=30 + c.pk % 300)
    CheckIn.objects.bulk_update(check_ins, ["created_at", "turned_toward_at"], batch_size=200)
    by_id = {c.pk: c for c in check_ins}
    responses = list(Response.objects.filter(couple=couple))
    for r in responses:
        r.created_at = by_id[r.check_in_id].turned_toward_at
    Response.objects.bulk_update(responses, ["created_at"], batch_size=200)


def page_latency(client, url: str, requests: int) -> dict[str, float]:
    for _ in range(10):
        client.get(url, HTTP_HOST="127.0.0.1")
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return {"p50": 1000 * statistics.median(times), "p99": 1000 * times[int(len(times) * 0.99) - 1]}


def query_count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200
    return len(ctx.captured_queries)


PAGES = ["/insights/", "/insights/?span=months", "/api/v1/insights/progress", "/insights/focus/"]


def bench_pages(requests: int) -> None:
    from django.test import Client

    setup_django(tempfile.mkdtemp(prefix="attunement-bench-insights-"), static=True)
    month, years = make_couple(30, "month"), make_couple(730, "years")
    clients = {}
    for tag, user in (("month", month), ("years", years)):
        clients[tag] = Client()
        clients[tag].force_login(user)
    counts = {
        url: (query_count(clients["month"], url), query_count(clients["years"], url))
        for url in PAGES
    }
    print(f"Progress pages, in process, {requests} requests each, a couple with two years of data")
    print(f"{'page':<28}{'p50 ms':>9}{'p99 ms':>9}   queries at 1 month / 2 years")
    for url in ["/health/", "/today/", *PAGES]:
        r = page_latency(clients["years"], url, requests)
        q = counts.get(url)
        tail = f"   {q[0]} / {q[1]}" if q else "   (reference)"
        print(f"{url:<28}{r['p50']:>9.2f}{r['p99']:>9.2f}{tail}")


# The worker --------------------------------------------------------------------------------


def _work(now_iso: str, out: str) -> None:
    from datetime import datetime

    from django.db import connection

    from attunement.notifications import reminders

    connection.close()  # a connection of its own, never the parent's
    now = datetime.fromisoformat(now_iso)
    started = time.perf_counter()
    while reminders.send_due(now):
        pass
    # The backend counts in the module Django imported by name, not in this script's __main__.
    from benchmarks import insights as counted

    elapsed = time.perf_counter() - started
    Path(out).write_text(json.dumps({"sent": counted.SENT, "seconds": elapsed}))


def bench_worker(database: str, people: int, workers: int) -> None:
    """Run in a child process of its own (one database per process)."""
    from django.utils import timezone

    from attunement.accounts.models import User
    from attunement.notifications.models import Reminder

    now = timezone.now().replace(second=30, microsecond=0)
    zones = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"]
    User.objects.bulk_create(
        (
            User(email=f"p{i}@example.com", password="!", time_zone=zones[i % 5])
            for i in range(people)
        ),
        batch_size=2000,
    )
    ids = list(User.objects.order_by("pk").values_list("pk", flat=True))
    Reminder.objects.bulk_create(
        (
            Reminder(
                user_id=pk,
                kind="pulse",
                enabled=True,
                hour=18,
                weekday=6,
                next_at=now - timedelta(seconds=n % 60),
            )
            for n, pk in enumerate(ids)
        ),
        batch_size=2000,
    )
    from django.db import connection

    connection.close()
    outs = [tempfile.mktemp(prefix="bench-worker-") for _ in range(workers)]
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_work, args=(now.isoformat(), out)) for out in outs]
    started = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    sent: Counter[str] = Counter()
    for out in outs:
        sent.update(json.loads(Path(out).read_text())["sent"])
        os.unlink(out)
    duplicates = sum(n - 1 for n in sent.values() if n > 1)
    still_due = Reminder.objects.filter(next_at__lte=now).count()
    print(
        f"{database:<11}{people:>9}{workers:>9}{sum(sent.values()):>9}{duplicates:>12}"
        f"{still_due:>10}{wall:>9.1f}{sum(sent.values()) / wall:>10.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--only", choices=["pages", "worker"])
    parser.add_argument("--child", choices=["sqlite", "postgres"])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    if args.child:
        setup_django(tempfile.mkdtemp(prefix="attunement-bench-worker-"), args.database_url)
        bench_worker(args.child, args.people, args.workers)
        return
    if args.only != "worker":
        bench_pages(args.requests)
        print()
    if args.only == "pages":
        return
    print(f"Reminder worker: everyone due in the same minute, {args.workers} workers at once")
    print(
        f"{'database':<11}{'people':>9}{'workers':>9}{'sent':>9}{'duplicates':>12}"
        f"{'left due':>10}{'wall s':>9}{'sends/s':>10}"
    )
    base = [sys.executable, __file__, "--people", str(args.people), "--workers", str(args.workers)]
    subprocess.run([*base, "--child", "sqlite"], check=True, cwd=ROOT)
    if args.no_postgres:
        return
    import psycopg

    name = f"attunement_bench_{os.getpid()}"
    with psycopg.connect(args.postgres, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        url = args.postgres.rsplit("/", 1)[0] + "/" + name
        subprocess.run([*base, "--child", "postgres", "--database-url", url], check=True, cwd=ROOT)
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
