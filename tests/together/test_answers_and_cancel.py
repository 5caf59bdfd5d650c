"""Changing or taking back an earlier mark (a no still looks like "not marked" to the partner,
and a match ends with it), and cancelling a plan, which asks first and tells the partner in
the app."""

import json

import pytest
from django.utils import timezone

from attunement.together import services
from attunement.together.models import Plan, Swipe
from tests.together.helpers import (
    MATCHED,
    MATCHED_TEXT,
    REFUSED,
    REFUSED_TEXT,
    both_say,
    make_plan,
    past_plan,
)

pytestmark = pytest.mark.django_db

PLAN_DATA = {"day": "2026-06-20", "at": "19:00", "minutes": "120", "place": "", "note": ""}


def _bobs_view(as_bob) -> dict:
    """Everything Bob can learn about Alice's mark on MATCHED: pages, the API, a refusal."""
    plan = as_bob.post(f"/together/plan/{MATCHED}/", PLAN_DATA)
    return {
        "overview": MATCHED_TEXT in as_bob.get("/together/").content.decode(),
        "matches": as_bob.get("/api/v1/together/matches").json(),
        "suggestions": as_bob.get("/api/v1/together/suggestions").json(),
        "activity": [
            a for a in as_bob.get("/api/v1/together/activities").json() if a["id"] == MATCHED
        ],
        "plan": (plan.status_code, "both said yes" in plan.content.decode()),
        "api_plan": as_bob.post(
            "/api/v1/together/plans",
            json.dumps({"activity_id": MATCHED, "day": "2026-06-20", "at": "19:00"}),
            content_type="application/json",
        ).json(),
    }


def test_the_answers_page_lists_only_your_own_marks_by_choice(alice, bob, couple, as_alice):
    services.swipe(user=alice, activity_id=MATCHED, choice="maybe")
    services.swipe(user=bob, activity_id=REFUSED, choice="yes")
    page = as_alice.get("/together/swipe/answers/").content.decode()
    assert MATCHED_TEXT in page and REFUSED_TEXT not in page
    maybe = page.split('id="answers-maybe"')[1].split("</details>")[0]
    assert MATCHED_TEXT in maybe
    # Offered: the two other choices and "Take back", never the current one.
    assert 'value="yes"' in maybe and 'value="no"' in maybe and 'value="undo"' in maybe
    assert 'value="maybe"' not in maybe
    swipe_page = as_alice.get("/together/swipe/").content.decode()
    assert "Your answers (1)" in swipe_page


def test_changing_a_yes_to_no_ends_the_match_and_bob_cannot_tell_it_from_never_marked(
    alice, bob, couple, as_alice, as_bob
):
    services.swipe(user=bob, activity_id=MATCHED, choice="yes")
    never_marked = _bobs_view(as_bob)
    services.swipe(user=alice, activity_id=MATCHED, choice="yes")
    assert MATCHED_TEXT in as_bob.get("/together/").content.decode()  # a match, while it lasts
    response = as_alice.post("/together/swipe/answers/", {"activity": MATCHED, "choice": "no"})
    assert response.status_code == 302 and response["Location"] == "/together/swipe/answers/"
    assert Swipe.objects.get(owner=alice, activity_id=MATCHED).choice == "no"
    assert _bobs_view(as_bob) == never_marked
    assert never_marked["overview"] is False and never_marked["matches"] == []
    # Taking the no back (unmarked again) looks the same to him too.
    as_alice.post("/together/swipe/answers/", {"activity": MATCHED, "choice": "undo"})
    assert not Swipe.objects.filter(owner=alice, activity_id=MATCHED).exists()
    assert _bobs_view(as_bob) == never_marked


def test_changing_a_no_to_yes_makes_the_match_and_says_so(alice, bob, couple, as_alice, as_bob):
    both_say(alice, bob, mine="no", theirs="yes")
    page = as_alice.post(
        "/together/swipe/answers/", {"activity": MATCHED, "choice": "yes"}, follow=True
    ).content.decode()
    assert "A match!" in page
    assert MATCHED_TEXT in as_bob.get("/together/").content.decode()


def test_taking_a_mark_back_puts_the_activity_back_in_the_deck(alice, bob, couple, as_alice):
    services.swipe(user=alice, activity_id=MATCHED, choice="no")
    assert "178 of 179 left" in as_alice.get("/together/swipe/").content.decode()
    page = as_alice.post(
        "/together/swipe/answers/", {"activity": MATCHED, "choice": "undo"}, follow=True
    ).content.decode()
    assert "back in your cards" in page
    assert "179 of 179 left" in as_alice.get("/together/swipe/").content.decode()


def test_bad_changes_are_a_400_or_a_refusal_and_change_nothing(
    alice, bob, charlie, couple, as_alice, as_charlie
):
    services.swipe(user=alice, activity_id=MATCHED, choice="yes")
    for data in ({"activity": MATCHED, "choice": "never"}, {"activity": MATCHED}, {}):
        garbled = as_alice.post("/together/swipe/answers/", data)
        assert garbled.status_code == 400
        assert "didn&#x27;t come through" in garbled.content.decode()
    unknown = as_alice.post("/together/swipe/answers/", {"activity": "a-999", "choice": "undo"})
    assert unknown.status_code == 400 and "Choose an activity" in unknown.content.decode()
    alone = as_charlie.post("/together/swipe/answers/", {"activity": MATCHED, "choice": "no"})
    assert alone.status_code == 409 and "invite your partner" in alone.content.decode()
    assert Swipe.objects.get(owner=alice, activity_id=MATCHED).choice == "yes"


def test_the_api_takes_a_mark_back(alice, bob, couple, as_alice, as_bob):
    both_say(alice, bob)
    response = as_alice.delete(f"/api/v1/together/swipes/{MATCHED}")
    assert response.status_code == 204
    assert as_bob.get("/api/v1/together/matches").json() == []
    mine = [a for a in as_alice.get("/api/v1/together/activities").json() if a["id"] == MATCHED]
    assert mine[0]["my_choice"] is None


# Cancelling --------------------------------------------------------------------------------


def test_cancelling_asks_first_and_nothing_changes_until_confirmed(alice, bob, couple, as_alice):
    plan = make_plan(alice, bob)
    page = as_alice.get(f"/together/plans/{plan.uuid}/").content.decode()
    assert f'href="/together/plans/{plan.uuid}/cancel/"' in page
    assert f'action="/together/plans/{plan.uuid}/cancel/"' not in page  # no one-tap cancel
    question = as_alice.get(f"/together/plans/{plan.uuid}/cancel/")
    body = question.content.decode()
    assert question.status_code == 200 and "Cancel this plan?" in body
    assert "Bob will see on their Time together page" in body
    assert 'name="confirm" value="yes"' in body and "Keep the plan" in body
    # A POST without the confirmation (an old page, a stray tap) only asks.
    assert as_alice.post(f"/together/plans/{plan.uuid}/cancel/").status_code == 200
    plan.refresh_from_db()
    assert plan.cancelled_at is None and plan.hour_before_at is not None


def test_a_confirmed_cancel_tells_the_partner_in_the_app_and_sends_no_email(
    alice, bob, couple, as_alice, as_bob, mailoutbox
):
    plan = make_plan(alice, bob)
    page = as_bob.post(
        f"/together/plans/{plan.uuid}/cancel/", {"confirm": "yes"}, follow=True
    ).content.decode()
    assert "Cancelled. No reminders will go out for it. Alice will see" in page
    plan.refresh_from_db()
    assert plan.cancelled_by == bob and plan.day_before_at is None and plan.hour_before_at is None
    assert mailoutbox == []
    for_alice = as_alice.get("/together/").content.decode()
    assert "Cancelled this week" in for_alice and "Bob cancelled it." in for_alice
    assert "Bob cancelled" in as_alice.get("/today/").content.decode()  # Today
    assert "Bob cancelled" not in as_bob.get("/today/").content.decode()
    assert "You cancelled it." in as_bob.get("/together/").content.decode()
    assert "by Bob" in as_alice.get(f"/together/plans/{plan.uuid}/").content.decode()
    api = as_alice.get(f"/api/v1/together/plans/{plan.uuid}").json()
    assert api["cancelled"] is True and api["cancelled_by"] == "Bob"


def test_a_cancelled_plan_leaves_the_notices_after_a_week(alice, bob, couple, as_alice):
    plan = make_plan(alice, bob)
    services.cancel_plan(user=bob, plan=plan)
    Plan.objects.filter(pk=plan.pk).update(cancelled_at=timezone.now() - timezone.timedelta(days=8))
    assert "Cancelled this week" not in as_alice.get("/together/").content.decode()


def test_a_plan_that_has_started_or_is_cancelled_cannot_be_cancelled_again(
    alice, bob, couple, as_alice
):
    started = past_plan(alice, bob)
    response = as_alice.get(f"/together/plans/{started.uuid}/cancel/")
    assert response.status_code == 409 and "still ahead" in response.content.decode()
    plan = make_plan(alice, bob, days=5)
    services.cancel_plan(user=alice, plan=plan)
    again = as_alice.post(f"/together/plans/{plan.uuid}/cancel/", {"confirm": "yes"})
    assert again.status_code == 409
    assert (
        "already cancelled" in as_alice.get(f"/together/plans/{plan.uuid}/cancel/").content.decode()
    )


def test_a_garbled_confirmation_asks_again_with_a_400(alice, bob, couple, as_alice):
    plan = make_plan(alice, bob)
    response = as_alice.post(f"/together/plans/{plan.uuid}/cancel/", {"confirm": "maybe"})
    assert response.status_code == 400 and "Cancel this plan?" in response.content.decode()
    plan.refresh_from_db()
    assert plan.cancelled_at is None


def test_a_garbled_mark_on_the_cards_says_so_with_a_400(alice, bob, couple, as_alice):
    response = as_alice.post("/together/swipe/", {"activity": MATCHED, "choice": "sometimes"})
    assert response.status_code == 400
    assert "didn&#x27;t come through" in response.content.decode()
    assert not Swipe.objects.filter(owner=alice).exists()
