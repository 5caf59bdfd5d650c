"""Plans across time zones and clock changes, cancelling, highlights sealed until both wrote."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine

from attunement.couples.services import leave_couple
from attunement.lib.errors import InvalidInput
from attunement.together import reading, services
from attunement.together.models import Highlight, Plan
from attunement.together.services import TogetherError
from tests.together.helpers import HIGHLIGHT, OTHER, both_say, make_plan, past_plan

pytestmark = pytest.mark.django_db


def zones(alice, bob, a: str, b: str) -> None:
    alice.time_zone, bob.time_zone = a, b
    alice.save(update_fields=["time_zone"])
    bob.save(update_fields=["time_zone"])


def test_partners_in_different_zones_each_see_their_own_clock(alice, bob, couple):
    zones(alice, bob, "Europe/London", "America/New_York")
    with time_machine.travel(datetime(2026, 6, 17, 12, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 6, 20), at=time(19)
        )
    assert plan.starts_at == datetime(2026, 6, 20, 18, tzinfo=UTC)  # BST is UTC+1
    assert plan.when_for(alice) == "Sat 20 Jun 2026, 19:00"
    assert plan.when_for(bob) == "Sat 20 Jun 2026, 14:00"


def test_a_plan_across_the_date_line_lands_on_the_partners_own_day(alice, bob, couple):
    zones(alice, bob, "Pacific/Auckland", "America/Los_Angeles")
    with time_machine.travel(datetime(2026, 6, 17, 12, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 6, 21), at=time(9)
        )
    assert plan.when_for(alice) == "Sun 21 Jun 2026, 09:00"
    assert plan.when_for(bob) == "Sat 20 Jun 2026, 14:00"


def test_a_time_the_clocks_skip_is_refused_and_nothing_is_saved(alice, bob, couple):
    zones(alice, bob, "Europe/London", "Europe/London")
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC)):
        both_say(alice, bob)
        with pytest.raises(InvalidInput, match="does not exist"):
            # Clocks go from 01:00 to 02:00 on 29 March 2026 in London.
            services.plan_activity(
                user=alice, activity_id="a-001", day=date(2026, 3, 29), at=time(1, 30)
            )
    assert not Plan.objects.exists()


def test_a_time_that_happens_twice_is_the_first_one(alice, bob, couple):
    zones(alice, bob, "Europe/London", "Europe/London")
    with time_machine.travel(datetime(2026, 10, 20, 12, tzinfo=UTC)):
        both_say(alice, bob)
        # Clocks go back from 02:00 to 01:00 on 25 October 2026.
        plan = services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 10, 25), at=time(1, 30)
        )
    assert plan.starts_at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_the_day_before_reminder_keeps_its_clock_time_across_a_clock_change(alice, bob, couple):
    zones(alice, bob, "Europe/London", "Europe/London")
    with time_machine.travel(datetime(2026, 3, 20, 12, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice, activity_id="a-001", day=date(2026, 3, 29), at=time(19)
        )
    # 19:00 BST on the 29th is 18:00 UTC; 19:00 GMT on the 28th is 19:00 UTC: 23 hours before.
    assert plan.starts_at == datetime(2026, 3, 29, 18, tzinfo=UTC)
    assert plan.day_before_at == datetime(2026, 3, 28, 19, tzinfo=UTC)
    assert plan.hour_before_at == datetime(2026, 3, 29, 17, tzinfo=UTC)


def test_a_plan_needs_a_match_a_future_time_and_a_known_length(alice, bob, couple):
    day = alice.local_today()
    with pytest.raises(TogetherError, match="both said yes"):
        services.plan_activity(
            user=alice, activity_id="a-001", day=day.replace(day=20), at=time(19)
        )
    both_say(alice, bob, mine="yes", theirs="no")
    with pytest.raises(TogetherError):
        services.plan_activity(
            user=alice, activity_id="a-001", day=day.replace(day=20), at=time(19)
        )
    both_say(alice, bob)
    with pytest.raises(InvalidInput, match="hasn't happened"):
        services.plan_activity(user=alice, activity_id="a-001", day=day, at=time(6))
    with pytest.raises(InvalidInput, match="lengths"):
        services.plan_activity(
            user=alice, activity_id="a-001", day=day.replace(day=20), at=time(19), minutes=7
        )
    with pytest.raises(InvalidInput, match="two years"):
        services.plan_activity(user=alice, activity_id="a-001", day=date(2030, 1, 1), at=time(19))
    assert not Plan.objects.exists()


def test_a_yes_and_a_maybe_can_be_planned(alice, bob, couple):
    both_say(alice, bob, mine="maybe", theirs="yes")
    plan = services.plan_activity(
        user=alice, activity_id="a-001", day=alice.local_today().replace(day=20), at=time(19)
    )
    assert plan.pk


def test_someone_alone_cannot_swipe_or_plan(charlie):
    with pytest.raises(TogetherError, match="invite your partner"):
        services.swipe(user=charlie, activity_id="a-001", choice="yes")


def test_cancelling_clears_reminders_and_only_works_ahead(alice, bob, couple):
    plan = make_plan(alice, bob)
    assert plan.day_before_at and plan.hour_before_at
    services.cancel_plan(user=bob, plan=plan)
    plan.refresh_from_db()
    assert plan.cancelled_at and plan.day_before_at is None and plan.hour_before_at is None
    assert plan.sequence == 1
    with pytest.raises(TogetherError):
        services.cancel_plan(user=alice, plan=plan)
    done = past_plan(alice, bob, activity_id="a-002")
    with pytest.raises(TogetherError):
        services.cancel_plan(user=alice, plan=done)


def test_highlights_stay_sealed_until_both_wrote_then_reveal_together(alice, bob, couple):
    plan = past_plan(alice, bob)
    services.write_highlight(user=alice, plan=plan, text=HIGHLIGHT, connection=4)
    bobs_view = reading.plans(bob).get(pk=plan.pk)
    assert [h.text for h in bobs_view.readable_highlights] == []
    assert [p.pk for p in reading.to_write(bob)] == [plan.pk]
    assert list(reading.to_write(alice)) == []
    services.write_highlight(user=alice, plan=plan, text=HIGHLIGHT + "!", connection=3)
    saved = services.write_highlight(user=bob, plan=plan, text=OTHER, connection=5)
    assert saved.revealed_at is not None
    bobs_view = reading.plans(bob).get(pk=plan.pk)
    assert sorted(h.text for h in bobs_view.readable_highlights) == sorted([HIGHLIGHT + "!", OTHER])
    assert [p.pk for p in reading.memories(alice)] == [plan.pk]
    with pytest.raises(TogetherError, match="kept as it is"):
        services.write_highlight(user=alice, plan=plan, text="changed", connection=1)


def test_highlights_wait_for_the_plan_and_take_a_rating_from_1_to_5(alice, bob, couple):
    ahead = make_plan(alice, bob)
    with pytest.raises(TogetherError, match="once it has happened"):
        services.write_highlight(user=alice, plan=ahead, text="x", connection=3)
    done = past_plan(alice, bob, activity_id="a-002")
    for bad in (0, 6, True):
        with pytest.raises(InvalidInput):
            services.write_highlight(user=alice, plan=done, text="x", connection=bad)
    with pytest.raises(InvalidInput):
        services.write_highlight(user=alice, plan=done, text="   ", connection=3)
    assert not Highlight.objects.exists()


def test_highlights_are_encrypted_at_rest(alice, bob, couple):
    from django.db import connection

    plan = past_plan(alice, bob)
    services.write_highlight(user=alice, plan=plan, text=HIGHLIGHT, connection=4)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM together_highlight")
        (raw,) = cursor.fetchone()
        cursor.execute("SELECT note FROM together_plan")
        (note,) = cursor.fetchone()
    assert HIGHLIGHT not in raw and "cherry" not in note


def test_after_leaving_the_ex_partner_loses_the_plans(alice, bob, couple):
    plan = make_plan(alice, bob)
    leave_couple(user=bob)
    for person in (alice, bob):
        from attunement.couples import access

        access.forget(person)
    assert list(reading.plans(bob)) == []
    assert [p.pk for p in reading.plans(alice)] == [plan.pk]
