"""Plan reminders: the day before and an hour before, once each, even with two workers;
never for a cancelled plan; content-free unless the person opted in."""

import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection

from attunement.today.worker import run_once
from attunement.together import services
from attunement.together.reminders import send_due_plan_reminders
from tests.conftest import make_user, pair
from tests.together.helpers import SECRET, both_say

PLANNED_AT = datetime(2026, 6, 17, 12, tzinfo=UTC)


def planned(alice, bob, at=time(19), place="The park by the river"):
    with time_machine.travel(PLANNED_AT):
        both_say(alice, bob)
        return services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 6, 20), at=at, place=place, note=SECRET
        )


@pytest.mark.django_db
def test_day_before_and_hour_before_each_go_to_both_once_and_say_nothing_personal(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    plan = planned(alice, bob)  # 19:00 UTC on Saturday 20 June
    with django_capture_on_commit_callbacks(execute=True):
        assert run_once(datetime(2026, 6, 19, 18, 59, tzinfo=UTC)) == 0
        assert run_once(datetime(2026, 6, 19, 19, 0, tzinfo=UTC)) == 2
        assert run_once(datetime(2026, 6, 19, 19, 5, tzinfo=UTC)) == 0
        assert run_once(datetime(2026, 6, 20, 18, 0, tzinfo=UTC)) == 2
        assert run_once(datetime(2026, 6, 20, 18, 30, tzinfo=UTC)) == 0
    assert len(mail.outbox) == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted([alice.email, bob.email] * 2)
    assert "tomorrow" in mail.outbox[0].subject and "in an hour" in mail.outbox[2].subject
    for message in mail.outbox:
        assert f"/together/plans/{plan.uuid}/" in message.body
        for private in (SECRET, "park", "Cook a dish", "19:00"):
            assert private not in message.body and private not in message.subject


@pytest.mark.django_db
def test_a_person_who_opted_in_gets_the_details_on_their_own_clock(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    bob.time_zone = "Asia/Tokyo"
    bob.save(update_fields=["time_zone"])
    services.set_preferences(user=bob, reminders=True, reminder_details=True, feed_details=False)
    planned(alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        send_due_plan_reminders(datetime(2026, 6, 19, 19, tzinfo=UTC))
    bobs = next(m for m in mail.outbox if m.to == [bob.email])
    alices = next(m for m in mail.outbox if m.to == [alice.email])
    assert "Cook a dish" in bobs.body and "Sun 21 Jun 2026, 04:00" in bobs.body
    assert "The park by the river" not in bobs.body  # words people write never go in email
    assert "Cook a dish" not in alices.body


@pytest.mark.django_db
def test_someone_who_turned_reminders_off_gets_none(
    alice, bob, couple, django_capture_on_commit_callbacks
):
    services.set_preferences(
        user=alice, reminders=False, reminder_details=False, feed_details=False
    )
    planned(alice, bob)
    with django_capture_on_commit_callbacks(execute=True):
        send_due_plan_reminders(datetime(2026, 6, 19, 19, tzinfo=UTC))
    assert [m.to for m in mail.outbox] == [[bob.email]]


@pytest.mark.django_db
def test_a_cancelled_plan_is_never_reminded(alice, bob, couple, django_capture_on_commit_callbacks):
    plan = planned(alice, bob)
    with time_machine.travel(datetime(2026, 6, 18, 12, tzinfo=UTC)):
        services.cancel_plan(user=bob, plan=plan)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_once(datetime(2026, 6, 20, 18, 30, tzinfo=UTC)) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_reminders_once_the_couple_has_ended(alice, bob, couple):
    from attunement.couples.services import leave_couple

    planned(alice, bob)
    leave_couple(user=bob)
    assert send_due_plan_reminders(datetime(2026, 6, 20, 18, 30, tzinfo=UTC)) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_plan_made_at_short_notice_skips_the_reminders_already_past(alice, bob, couple):
    with time_machine.travel(datetime(2026, 6, 20, 18, 30, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 6, 20), at=time(19)
        )
    assert plan.day_before_at is None and plan.hour_before_at is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_exactly_once():
    couples = []
    for n in range(4):
        a = make_user(f"a{n}@example.com", f"A{n}")
        b = make_user(f"b{n}@example.com", f"B{n}")
        pair(a, b)
        couples.append((a, b))
    for a, b in couples:
        planned(a, b)
    due = datetime(2026, 6, 20, 18, 30, tzinfo=UTC)  # both reminders of every plan are due
    barrier = threading.Barrier(2)
    counts: list[int] = []
    errors: list[str] = []

    def work() -> None:
        barrier.wait()
        try:
            counts.append(send_due_plan_reminders(due))
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
    assert sum(counts) == 16  # 4 plans x 2 reminders x 2 people
    assert len(mail.outbox) == 16
    per_person = sorted(m.to[0] for m in mail.outbox)
    assert all(per_person.count(p) == 2 for p in set(per_person))
    assert send_due_plan_reminders(due + timedelta(hours=1)) == 0
