"""The check's items on the strongest danger signs (s-09 to s-14), and where care points.

Each new item alone turns joint exercises off for the couple, through the service, the page
and the API, like the first eight. The harm-to-others card lists lines for people worried
about their own behaviour first.
"""

import json

import pytest

from attunement import content
from attunement.safety import care, services
from attunement.safety.hooks import joint_exercises_allowed
from attunement.safety.models import Risk, ScreenResult
from tests.safety.conftest import form_data
from tests.safety.matrix import ALL_CLEAR

pytestmark = pytest.mark.django_db

DANGER_SIGNS = {
    "s-09": "choked",
    "s-10": "weapon",
    "s-11": "intimate pictures",
    "s-12": "sexuality, gender or health",
    "s-13": "immigration status",
    "s-14": "take the children",
}


def test_the_check_asks_about_each_danger_sign_on_any_occurrence():
    for item_id, words in DANGER_SIGNS.items():
        item = content.get("safety_screen", item_id)
        assert item is not None and words in item["text"]
        assert item["risk_at"] == 1 and not item.get("reverse", False)
        assert content.screen_item_at_risk(item, 0) is False
        assert content.screen_item_at_risk(item, 1) is True


@pytest.mark.parametrize("item_id", sorted(DANGER_SIGNS))
def test_one_danger_sign_turns_joint_exercises_off_for_the_couple(item_id, alice, bob, couple):
    services.submit_screen(user=bob, answers=dict(ALL_CLEAR))
    services.submit_screen(user=alice, answers=dict(ALL_CLEAR))  # the gate opens once both have
    assert joint_exercises_allowed(couple) is True
    result = services.submit_screen(user=alice, answers={**ALL_CLEAR, item_id: 1})
    assert result.at_risk is True
    assert joint_exercises_allowed(couple) is False


@pytest.mark.parametrize("item_id", sorted(DANGER_SIGNS))
def test_the_page_takes_the_new_items(item_id, as_alice, alice, couple):
    body = as_alice.get("/safety/screen/").content.decode()
    assert f'name="{item_id}"' in body
    response = as_alice.post("/safety/screen/", form_data({**ALL_CLEAR, item_id: 2}))
    assert response.status_code == 302
    result = ScreenResult.objects.get(owner=alice)
    assert result.at_risk is True and result.answer_map()[item_id] == 2
    assert joint_exercises_allowed(couple) is False


@pytest.mark.parametrize("item_id", sorted(DANGER_SIGNS))
def test_the_api_takes_the_new_items(item_id, as_alice, couple):
    listed = [i["id"] for i in as_alice.get("/api/v1/safety/screen").json()["items"]]
    assert item_id in listed
    response = as_alice.post(
        "/api/v1/safety/screen",
        json.dumps({"answers": {**ALL_CLEAR, item_id: 3}}),
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["at_risk"] is True
    assert as_alice.get("/api/v1/safety").json()["joint_exercises_allowed"] is False


def test_the_api_refuses_a_screen_without_the_new_items(as_alice, couple):
    answers = {k: v for k, v in ALL_CLEAR.items() if k not in DANGER_SIGNS}
    response = as_alice.post(
        "/api/v1/safety/screen", json.dumps({"answers": answers}), content_type="application/json"
    )
    assert response.status_code == 422


def test_harm_to_others_lists_lines_about_your_own_behaviour_first(settings):
    assert care.KINDS_FOR[Risk.HARM_TO_OTHERS][0] == "own_behaviour"
    for region, first in (("GB", "Respect Phoneline"), ("AU", "Men's Referral Service")):
        listed = care.resources(region, kind=Risk.HARM_TO_OTHERS)
        assert listed[0]["name"] == first
        assert "own_behaviour" in listed[0]["kinds"]
        assert len(listed) == len(content.resources_for(region))


def test_other_cards_do_not_lead_with_own_behaviour_lines():
    for kind in (Risk.SELF_HARM, Risk.ABUSE):
        assert care.resources("GB", kind=kind)[0]["name"] != "Respect Phoneline"
        assert "own_behaviour" not in care.KINDS_FOR[kind]


def test_a_specific_doubt_is_shown_and_unconfirmed_details_are_marked_in_the_api(as_alice):
    """People see a doubt only where there is a specific one (hours that change, a number we
    could not confirm, with where else to turn); a plain "unverified" on every line would cast
    doubt on numbers an independent audit confirmed, at the worst moment. Hosts see `verified`
    in the catalogue, the docs and the API."""
    body = as_alice.get("/safety/?region=GB").content.decode().replace("&#x27;", "'")
    assert "Opening hours change from time to time: check them on Galop's own site." in body
    assert "Check before relying on it" not in body
    listed = {r["name"]: r for r in as_alice.get("/api/v1/safety/resources?region=GB").json()}
    assert listed["Shout 85258"]["verified"] is True
    assert listed["Galop LGBT+ Domestic Abuse Helpline"]["verified"] is False
    card = care.care_as_dict(Risk.HARM_TO_OTHERS)
    assert all("verified" in r for r in card["resources"])
