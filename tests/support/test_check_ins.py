import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection

from attunement.couples.models import Visibility
from attunement.support.models import Appreciation, CheckIn, Response
from tests.builders import check_in
from tests.conftest import login

FORM = {
    "feelings": ["anxious", "tired"],
    "intensity": "4",
    "energy": "2",
    "need": "listened",
    "note": "Rough day at work.",
    "visibility": "shared",
}


def test_checking_in_twice_the_same_day_edits_the_one_check_in(alice, as_alice):
    assert as_alice.post("/checkin/", FORM).status_code == 302
    assert (
        as_alice.post("/checkin/", {**FORM, "energy": "4", "note": "Better now."}).status_code
        == 302
    )
    only = CheckIn.objects.get(owner=alice)
    assert (only.energy, only.note, only.feelings) == (4, "Better now.", ["anxious", "tired"])
    page = as_alice.get("/checkin/").content.decode()
    assert "Edit today&#x27;s check-in" in page or "Edit today's check-in" in page


def test_a_new_local_day_in_the_persons_own_time_zone_starts_a_new_check_in(alice, as_alice):
    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    # 11:30 UTC is 00:30 the next day in Auckland (UTC+13 in November).
    with time_machine.travel(datetime(2026, 11, 25, 10, 30, tzinfo=ZoneInfo("UTC"))):
        login(alice).post("/checkin/", FORM)
    with time_machine.travel(datetime(2026, 11, 25, 11, 30, tzinfo=ZoneInfo("UTC"))):
        login(alice).post("/checkin/", FORM)
    days = sorted(CheckIn.objects.filter(owner=alice).values_list("local_date", flat=True))
    assert [d.isoformat() for d in days] == ["2026-11-25", "2026-11-26"]


def test_bad_check_in_shows_errors_beside_fields_and_keeps_the_saved_one(alice, as_alice):
    as_alice.post("/checkin/", FORM)
    response = as_alice.post(
        "/checkin/",
        {"feelings": ["not-a-feeling"], "intensity": "9", "need": "x", "note": "n" * 5000},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "at most 2000 characters" in body
    saved = CheckIn.objects.get(owner=alice)
    assert saved.note == "Rough day at work." and saved.intensity == 4


def test_partner_sees_a_shared_check_in_and_its_need_on_today(alice, as_alice, as_bob, couple):
    as_alice.post("/checkin/", FORM)
    page = as_bob.get("/today/").content.decode()
    assert "Alice feels" in page and "to be listened to" in page and "Rough day at work." in page
    assert "Turn toward Alice" in page


def test_a_private_check_in_never_reaches_the_partner(alice, as_alice, as_bob, couple):
    as_alice.post("/checkin/", {**FORM, "visibility": "private"})
    page = as_bob.get("/today/").content.decode()
    assert "Rough day at work." not in page and "Alice feels" not in page
    c = CheckIn.objects.get(owner=alice)
    assert as_bob.get(f"/checkin/{c.uuid}/").status_code == 404
    assert as_bob.get(f"/api/v1/checkins/{c.uuid}").status_code == 404


def test_partner_turns_toward_and_the_owner_sees_it_with_the_time_recorded(
    alice, bob, as_alice, as_bob, couple
):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    assert as_bob.post(f"/checkin/{c.uuid}/respond/", {"quick": "here_tonight"}).status_code == 302
    assert (
        as_bob.post(f"/checkin/{c.uuid}/respond/", {"message": "Call you at six?"}).status_code
        == 302
    )
    c.refresh_from_db()
    assert c.turned_toward and c.time_to_turn_toward() >= timedelta(0)
    first = c.turned_toward_at
    assert Response.objects.filter(check_in=c).count() == 2
    c.refresh_from_db()
    assert c.turned_toward_at == first  # the first response is the one that counts
    page = as_alice.get("/today/").content.decode()
    assert (
        "I&#x27;m here. Want to talk tonight?" in page or "I'm here. Want to talk tonight?" in page
    )
    assert "Call you at six?" in page


def test_an_empty_response_is_refused_and_nothing_is_recorded(alice, as_alice, as_bob, couple):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    response = as_bob.post(f"/checkin/{c.uuid}/respond/", {"quick": "", "message": "   "})
    assert response.status_code == 400
    assert "Choose a quick response or write a few words." in response.content.decode()
    c.refresh_from_db()
    assert not c.turned_toward and not Response.objects.exists()


def test_a_refused_response_still_shows_the_earlier_ones(alice, as_alice, as_bob, couple):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    as_bob.post(f"/checkin/{c.uuid}/respond/", {"message": "Call you at six?"})
    response = as_bob.post(f"/checkin/{c.uuid}/respond/", {"message": "x" * 600})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Call you at six?" in body and "at most 500 characters" in body
    assert Response.objects.count() == 1


def test_nobody_responds_to_their_own_check_in(alice, as_alice, couple):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    assert as_alice.post(f"/checkin/{c.uuid}/respond/", {"quick": "hug"}).status_code == 404


def test_an_appreciation_appears_on_the_partners_today(as_alice, as_bob, couple):
    assert as_alice.post("/appreciations/", {"text": "Thanks for the soup."}).status_code == 302
    assert "Thanks for the soup." in as_bob.get("/today/").content.decode()
    assert "Thanks for the soup." in as_bob.get("/appreciations/").content.decode()


def test_appreciations_need_a_partner_and_say_so(as_alice):
    response = as_alice.post("/appreciations/", {"text": "Thanks!"})
    assert response.status_code == 409  # a refusal, as in the API
    assert "invite them first" in response.content.decode()
    assert not Appreciation.objects.exists()


def test_alone_everything_works_and_today_invites_the_partner_in(alice, as_alice):
    page = as_alice.get("/today/").content.decode()
    assert "Check in for today" in page
    as_alice.post("/checkin/", FORM)
    page = as_alice.get("/today/").content.decode()
    assert "Answer today&#x27;s question" in page and "Better together" in page
    assert "invite your partner" in page
    assert (
        "Rough day at work."
        in as_alice.get(f"/checkin/{CheckIn.objects.get().uuid}/").content.decode()
    )
    assert as_alice.get("/checkin/history/").status_code == 200


def test_notes_messages_and_appreciations_are_encrypted_at_rest(
    alice, bob, as_alice, as_bob, couple
):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    as_bob.post(f"/checkin/{c.uuid}/respond/", {"message": "Call you at six?"})
    as_bob.post("/appreciations/", {"text": "Thanks for the soup."})
    with connection.cursor() as cursor:
        for table, column in (
            ("support_checkin", "note"),
            ("support_response", "message"),
            ("support_appreciation", "text"),
        ):
            cursor.execute(f"SELECT {column} FROM {table}")
            stored = [row[0] for row in cursor.fetchall()]
            assert stored and all(v.startswith("f1:") for v in stored), table
            assert not any("soup" in v or "six" in v or "Rough" in v for v in stored)


def test_history_draws_four_weeks_as_svg_with_a_text_alternative(alice, as_alice):
    today = alice.local_today()
    for back in range(10):
        check_in(
            alice,
            local_date=today - timedelta(days=back),
            feelings=["joyful"],
            intensity=3,
            energy=1 + back % 5,
            visibility=Visibility.PRIVATE,
        )
    page = as_alice.get("/checkin/history/").content.decode()
    assert '<svg viewBox="0 0 600 220" role="img"' in page
    assert "<polyline" in page
    # The chart starts at the first check-in: no empty weeks before it.
    assert "Energy and feelings, since your first check-in" in page
    assert "(10 of 10 days)" in page
    assert page.count('<tr><th scope="row">') == 10


def test_history_with_older_check_ins_draws_the_whole_four_weeks(alice, as_alice):
    today = alice.local_today()
    for back in (2, 60):
        check_in(alice, local_date=today - timedelta(days=back), visibility=Visibility.PRIVATE)
    page = as_alice.get("/checkin/history/").content.decode()
    assert "Energy and feelings, last four weeks" in page and "(1 of 28 days)" in page


def test_a_first_check_in_today_draws_one_week_not_four(alice, as_alice):
    check_in(alice, local_date=alice.local_today(), visibility=Visibility.PRIVATE)
    page = as_alice.get("/checkin/history/").content.decode()
    assert "(1 of 7 days)" in page
    # Every day of a one-week chart has its date under it.
    assert page.count('class="axis" text-anchor="middle"') == 7


def test_support_pages_refuse_wrong_methods(as_alice):
    assert as_alice.delete("/checkin/").status_code == 405
    assert as_alice.post("/checkin/history/").status_code == 405
    assert as_alice.put("/appreciations/").status_code == 405


def test_a_blank_appreciation_is_refused_with_a_clear_message(as_alice, couple):
    response = as_alice.post("/appreciations/", {"text": "   \n  "})
    assert response.status_code == 400
    assert "Write a few words first." in response.content.decode()
    assert not Appreciation.objects.exists()


def test_crisis_words_in_a_check_in_note_record_a_safety_event_without_a_request(alice):
    from attunement.safety.services import events_of
    from attunement.support import services
    from tests.safety.conftest import CRISIS

    services.save_check_in(
        user=alice,
        feelings=["sad"],
        intensity=5,
        energy=1,
        need="comfort",
        note=CRISIS["check_in_note"],
        visibility="private",
    )
    [event] = events_of(alice)
    assert (event.kind, event.where) == ("self_harm", "support.check_in")


def test_api_and_page_refuse_with_the_same_words(alice, as_alice, as_bob, as_charlie, couple):
    as_alice.post("/checkin/", FORM)
    c = CheckIn.objects.get(owner=alice)
    empty = {"quick": "", "message": "   "}
    page = as_bob.post(f"/checkin/{c.uuid}/respond/", empty)
    api = as_bob.post(
        f"/api/v1/checkins/{c.uuid}/responses", json.dumps(empty), content_type="application/json"
    )
    assert (page.status_code, api.status_code) == (400, 422)
    assert api.json() == {"detail": "Choose a quick response or write a few words."}
    assert page.content.decode().count("Choose a quick response or write a few words.") == 1

    page = as_charlie.post("/appreciations/", {"text": "Thanks!"})
    api = as_charlie.post(
        "/api/v1/appreciations", json.dumps({"text": "Thanks!"}), content_type="application/json"
    )
    assert (page.status_code, api.status_code) == (409, 409)
    assert api.json() == {"detail": "Appreciations go to your partner: invite them first."}
    assert page.content.decode().count("invite them first") == 1
    assert not Response.objects.exists() and not Appreciation.objects.exists()
