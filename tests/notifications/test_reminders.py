"""Reminders people choose: at their own local hour (DST and other zones included), never in
quiet hours, only when something waits, retried with backoff, and never sent twice."""

import threading
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import connection

from attunement.insights import services as insights
from attunement.lib.errors import InvalidInput
from attunement.notifications import reminders
from attunement.notifications.models import QuietHours, Reminder
from tests.conftest import make_user
from tests.insights.helpers import STRATEGIES

FOURS = dict.fromkeys(STRATEGIES, 4)


def _want(user, kind="pulse", hour=18, weekday=6, now=None, quiet=None):
    reminders.save_settings(
        user=user,
        choices=[(kind, True, hour, weekday)],
        quiet=quiet,
        now=now or datetime(2026, 6, 17, 12, tzinfo=UTC),
    )
    return Reminder.objects.get(user=user, kind=kind)


def test_weekly_pulse_reminder_falls_on_the_persons_own_sunday_evening(db):
    tokyo = make_user("t@example.com", "T", "Asia/Tokyo")
    la = make_user("l@example.com", "L", "America/Los_Angeles")
    assert _want(tokyo).next_at == datetime(2026, 6, 21, 9, tzinfo=UTC)  # 18:00 JST
    assert _want(la).next_at == datetime(2026, 6, 22, 1, tzinfo=UTC)  # 18:00 PDT


def test_daily_reminders_keep_the_local_hour_across_the_clock_change(db):
    london = make_user("d@example.com", "D", "Europe/London")
    row = _want(london, "daily_question", 19, None, now=datetime(2026, 3, 28, 20, tzinfo=UTC))
    assert row.next_at == datetime(2026, 3, 29, 18, tzinfo=UTC)  # 19:00 BST, the first day of it
    after = reminders.next_due(user=london, hour=19, weekday=None, after=row.next_at, quiet=None)
    assert after == datetime(2026, 3, 30, 18, tzinfo=UTC)
    autumn = reminders.next_due(
        user=london, hour=19, weekday=None, after=datetime(2026, 10, 25, 0, tzinfo=UTC), quiet=None
    )
    assert autumn == datetime(2026, 10, 25, 19, tzinfo=UTC)  # 19:00 GMT again


def test_an_hour_lost_to_the_spring_change_still_reminds_once_that_day(db):
    ny = make_user("n@example.com", "N", "America/New_York")
    due = reminders.next_due(
        user=ny, hour=2, weekday=None, after=datetime(2026, 3, 8, 5, tzinfo=UTC), quiet=None
    )
    assert due.astimezone(ny.tz).date().isoformat() == "2026-03-08"


def test_quiet_hours_move_retries_and_refuse_a_reminder_inside_them(db):
    alice = make_user("a@example.com", "A")
    with pytest.raises(InvalidInput):
        _want(alice, "daily_question", 23, None, quiet=(22, 7))
    assert not Reminder.objects.exists() and not QuietHours.objects.exists()
    assert reminders.in_quiet(23, (22, 7)) and reminders.in_quiet(3, (22, 7))
    assert not reminders.in_quiet(7, (22, 7)) and not reminders.in_quiet(12, (22, 7))
    late = datetime(2026, 6, 17, 21, 59, tzinfo=UTC)
    retry = reminders.retry_at(user=alice, attempts=3, now=late, quiet=(22, 7))
    assert retry == datetime(2026, 6, 18, 7, tzinfo=UTC)


def test_a_reminder_says_only_what_kind_of_thing_waits(db):
    alice = make_user("a@example.com", "A")
    row = _want(alice)
    assert reminders.send_due(row.next_at + timedelta(minutes=1)) == 1
    (sent,) = mail.outbox
    assert sent.subject == "Attunement: your weekly pulse is waiting"
    assert "Your weekly pulse is waiting" in sent.body and "/insights/pulse/" in sent.body
    assert "/settings/reminders/" in sent.body
    row.refresh_from_db()
    assert row.next_at == datetime(2026, 6, 28, 18, tzinfo=UTC)  # the Sunday after
    assert reminders.send_due(row.next_at - timedelta(minutes=1)) == 0


def test_nobody_is_reminded_of_what_they_already_did(db):
    alice = make_user("a@example.com", "A")
    row = _want(alice)
    insights.submit_pulse(user=alice, scores=FOURS, closeness=50, share_closeness=False)
    assert reminders.send_due(row.next_at + timedelta(minutes=1)) == 0
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.next_at == datetime(2026, 6, 28, 18, tzinfo=UTC)  # still there next week


def test_a_failed_send_is_retried_with_backoff_then_left_for_next_time(db):
    alice = make_user("a@example.com", "A")
    row = _want(alice)
    due = row.next_at
    now = due
    with mock.patch("attunement.notifications.emails.send_mail", side_effect=OSError("down")):
        waits = []
        for _ in range(reminders.MAX_ATTEMPTS):
            assert reminders.send_due(now) == 0
            row.refresh_from_db()
            waits.append(row.next_at - now)
            now = row.next_at
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert row.attempts == 0 and row.next_at == due + timedelta(days=7)  # given up until next week
    assert reminders.send_due(now) == 1  # and next week it goes out


def test_turning_a_reminder_off_stops_it(db):
    alice = make_user("a@example.com", "A")
    row = _want(alice)
    reminders.save_settings(
        user=alice,
        choices=[("pulse", False, 18, 6)],
        quiet=None,
        now=datetime(2026, 6, 17, tzinfo=UTC),
    )
    row.refresh_from_db()
    assert row.next_at is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_exactly_once():
    people = [make_user(f"p{i}@example.com", f"P{i}", "Europe/Paris") for i in range(40)]
    for person in people:
        _want(person, "daily_question", 9, None)
    later = datetime(2026, 6, 18, 7, 30, tzinfo=UTC)  # 09:30 in Paris
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[str] = []

    def work():
        barrier.wait()
        try:
            counts.append(reminders.send_due(later))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(repr(exc))
        finally:
            connection.close()

    with mock.patch.object(reminders, "BATCH", 7):
        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    assert sum(counts) == 40
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert not Reminder.objects.exclude(claimed_by="").exists()


def test_a_lapsed_claim_is_taken_over(db):
    alice = make_user("a@example.com", "A")
    row = _want(alice)
    now = row.next_at + timedelta(minutes=1)
    Reminder.objects.filter(pk=row.pk).update(claimed_by="crashed", claimed_until=now)
    assert reminders.send_due(now) == 0  # still held by a worker that may be sending
    assert reminders.send_due(now + timedelta(seconds=1)) == 1


def test_reminders_follow_the_clock_with_time_machine(db):
    alice = make_user("a@example.com", "A", "Australia/Sydney")
    with time_machine.travel(datetime(2026, 6, 19, 0, tzinfo=UTC), tick=False):
        row = _want(alice, now=datetime(2026, 6, 19, 0, tzinfo=UTC))
    # Sunday 18:00 in Sydney (AEST, +10) is Sunday 08:00 UTC.
    assert row.next_at == datetime(2026, 6, 21, 8, tzinfo=UTC)


def test_the_worker_sends_one_reminder_a_day_across_the_clock_change_in_two_zones(db):
    """An hourly worker from 27 March to 1 April 2026 (London springs forward on the 29th,
    Sydney stays on daylight time until 5 April): each person, one email a day, at 19:00."""
    from attunement.today import worker

    london = make_user("l@example.com", "L", "Europe/London")
    sydney = make_user("s@example.com", "S", "Australia/Sydney")
    start = datetime(2026, 3, 27, 0, tzinfo=UTC)
    for person in (london, sydney):
        _want(person, "daily_question", 19, None, now=start)
    for hour in range(5 * 24):
        with time_machine.travel(start + timedelta(hours=hour, minutes=5), tick=False):
            worker.run_once()
    sent = [m.to[0] for m in mail.outbox]
    assert sent.count(london.email) == 5 and sent.count(sydney.email) == 5
    row = Reminder.objects.get(user=london)
    assert row.next_at.astimezone(london.tz).hour == 19
