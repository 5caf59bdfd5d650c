import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection

from attunement.notifications import reminders
from attunement.notifications.models import Reminder
from attunement.today.worker import run_once
from tests.builders import check_in
from tests.conftest import make_user

UTC = ZoneInfo("UTC")


def _opt_in(user, hour: int, now: datetime):
    user.save()
    reminders.save_settings(
        user=user, choices=[("check_in", True, hour, None)], quiet=None, now=now
    )


def test_reminder_goes_out_at_the_persons_own_hour_and_says_nothing_personal(
    alice, django_capture_on_commit_callbacks
):
    alice.time_zone = "America/New_York"
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 07:00 in New York
    _opt_in(alice, 9, now)
    assert run_once(now) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert run_once(datetime(2026, 11, 25, 14, 0, tzinfo=UTC)) == 1  # 09:00 in New York
    assert mail.outbox[0].to == [alice.email]
    assert "Your check-in is waiting" in mail.outbox[0].body
    assert mail.outbox[0].subject.endswith("your check-in is waiting")
    assert "/checkin/" in mail.outbox[0].body
    row = Reminder.objects.get(user=alice, kind="check_in")
    assert row.next_at == datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def test_no_reminder_for_someone_who_already_checked_in_today(alice):
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    _opt_in(alice, 9, now)
    check_in(alice, local_date=now.date(), intensity=1, energy=1)
    assert reminders.send_due(datetime(2026, 11, 25, 9, 1, tzinfo=UTC)) == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_exactly_once():
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    people = [make_user(f"p{i}@example.com", f"P{i}") for i in range(6)]
    for person in people:
        _opt_in(person, 9, now)
    later = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
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

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sum(counts) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
