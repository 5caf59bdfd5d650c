"""Calendar files: valid RFC 5545 (parsed back with icalendar), minimal in the feed by default,
and a feed that answers only to its live secret token."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from icalendar import Calendar

from attunement.together import services
from tests.conftest import login
from tests.together.helpers import SECRET, both_say, make_plan

pytestmark = pytest.mark.django_db


def events(body: bytes) -> list:
    cal = Calendar.from_ical(body)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    return list(cal.walk("VEVENT"))


def test_one_plan_downloads_as_a_valid_event_with_its_details(alice, bob, couple):
    alice.time_zone = "Europe/Paris"
    alice.save(update_fields=["time_zone"])
    with time_machine.travel(datetime(2026, 6, 17, 12, tzinfo=UTC)):
        both_say(alice, bob)
        plan = services.plan_activity(
            user=alice,
            activity_id="a-001",
            day=date(2026, 6, 20),
            at=time(19, 30),
            minutes=90,
            place="Home",
            note=SECRET,
        )
    response = login(bob).get(f"/together/plans/{plan.uuid}/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    (event,) = events(response.content)
    assert event.decoded("DTSTART") == datetime(2026, 6, 20, 17, 30, tzinfo=UTC)
    assert event.decoded("DTEND") == datetime(2026, 6, 20, 19, 0, tzinfo=UTC)
    assert str(event["UID"]) == f"{plan.uuid}@attunement"
    assert str(event["SUMMARY"]).startswith("Cook a dish from a country")
    assert str(event["LOCATION"]) == "Home"
    assert str(event["DESCRIPTION"]) == SECRET
    assert "DTSTAMP" in event


def test_the_feed_says_only_time_together_unless_its_owner_asks(alice, bob, couple, client):
    make_plan(alice, bob)
    feed = services.new_feed(user=bob)
    url = f"/together/feed/{feed.token}.ics"
    response = client.get(url)
    assert response.status_code == 200
    (event,) = events(response.content)
    assert str(event["SUMMARY"]) == "Time together"
    assert "LOCATION" not in event and "DESCRIPTION" not in event
    assert SECRET.encode() not in response.content
    services.set_preferences(user=bob, reminders=True, reminder_details=False, feed_details=True)
    (event,) = events(client.get(url).content)
    assert str(event["DESCRIPTION"]) == SECRET


def test_a_cancelled_plan_stays_in_the_feed_as_cancelled_with_a_new_sequence(
    alice, bob, couple, client
):
    plan = make_plan(alice, bob)
    feed = services.new_feed(user=alice)
    services.cancel_plan(user=bob, plan=plan)
    (event,) = events(client.get(f"/together/feed/{feed.token}.ics").content)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_revoked_unknown_and_replaced_tokens_answer_404(alice, bob, couple, client):
    make_plan(alice, bob)
    first = services.new_feed(user=alice)
    second = services.new_feed(user=alice)
    assert client.get(f"/together/feed/{first.token}.ics").status_code == 404
    assert client.get(f"/together/feed/{second.token}.ics").status_code == 200
    services.revoke_feed(user=alice)
    assert client.get(f"/together/feed/{second.token}.ics").status_code == 404
    assert client.get("/together/feed/nope.ics").status_code == 404
    assert client.get(f"/together/feed/{'x' * 300}.ics").status_code == 404


def test_the_feed_stops_showing_the_partners_plans_when_the_couple_ends(alice, bob, couple, client):
    from attunement.couples.services import leave_couple

    make_plan(alice, bob)
    feed = services.new_feed(user=bob)
    leave_couple(user=alice)
    assert events(client.get(f"/together/feed/{feed.token}.ics").content) == []
