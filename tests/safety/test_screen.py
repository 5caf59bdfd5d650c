"""The private safety screen: answering it, what it suggests, and the gate for joint exercises."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement import content
from attunement.couples.services import leave_couple
from attunement.safety import services
from attunement.safety.hooks import JOINT_OFF_MESSAGE, joint_exercises_allowed
from attunement.safety.models import ScreenResult
from tests.conftest import login, make_user, pair
from tests.safety.conftest import at_risk_answers, form_data, take_screen
from tests.safety.matrix import ALL_CLEAR

pytestmark = pytest.mark.django_db


def test_screen_page_asks_every_item_on_the_never_to_often_scale(as_alice, couple):
    body = as_alice.get("/safety/screen/").content.decode()
    for item in content.load("safety_screen"):
        assert item["text"].replace("'", "&#x27;") in body
    for label in content.screen_scale().values():
        assert label in body
    assert content.screen_texts()["intro"].split(".")[0] in body


def test_all_clear_answers_are_saved_privately_and_say_so(as_alice, alice, couple):
    response = as_alice.post("/safety/screen/", form_data(ALL_CLEAR))
    result = ScreenResult.objects.get(owner=alice)
    assert response.status_code == 302 and response["Location"] == f"/safety/screen/{result.uuid}/"
    assert result.at_risk is False and result.answer_map() == ALL_CLEAR
    page = as_alice.get(response["Location"]).content.decode()
    assert "Nothing here suggests" in page
    assert "National Domestic" not in page and "Find A Helpline" not in page


def test_at_risk_answers_show_resources_and_a_professional_to_the_person(as_alice, alice, couple):
    response = as_alice.post("/safety/screen/", form_data(at_risk_answers()))
    result = ScreenResult.objects.get(owner=alice)
    assert result.at_risk is True
    page = as_alice.get(response["Location"]).content.decode()
    assert "it is not your fault" in page
    assert "Find A Helpline" in page and "counsellor" in page


def test_reverse_item_answered_never_is_at_risk(alice, couple):
    answers = {**ALL_CLEAR, "s-08": 0}
    assert services.submit_screen(user=alice, answers=answers).at_risk is True


def test_answers_are_encrypted_at_rest(alice, couple):
    result = services.submit_screen(user=alice, answers=at_risk_answers())
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM safety_screenresult WHERE id = %s", [result.pk])
        raw = cursor.fetchone()[0]
    assert raw.startswith("f1:") and "s-01" not in raw


def test_a_missing_answer_is_a_400_beside_the_question_and_saves_nothing(as_alice, alice, couple):
    data = form_data(ALL_CLEAR)
    del data["s-03"]
    response = as_alice.post("/safety/screen/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_s-03-error"' in body and "Please choose the answer that fits best." in body
    assert not ScreenResult.objects.exists()


def test_an_answer_off_the_scale_is_a_400(as_alice, couple):
    response = as_alice.post("/safety/screen/", {**form_data(ALL_CLEAR), "s-01": "7"})
    assert response.status_code == 400
    assert not ScreenResult.objects.exists()


def test_result_page_is_404_for_partner_and_stranger(alice, couple, as_bob, as_charlie):
    result = take_screen(alice, at_risk=True)
    assert as_bob.get(f"/safety/screen/{result.uuid}/").status_code == 404
    assert as_charlie.get(f"/safety/screen/{result.uuid}/").status_code == 404


def test_screen_routes_refuse_wrong_methods(as_alice, alice, couple):
    result = take_screen(alice, at_risk=False)
    assert as_alice.put("/safety/screen/").status_code == 405
    assert as_alice.get("/safety/screen/skip/").status_code == 405
    assert as_alice.post(f"/safety/screen/{result.uuid}/").status_code == 405
    assert as_alice.post("/safety/").status_code == 405


# The gate -------------------------------------------------------------------------------------


def test_joint_exercises_wait_until_both_have_answered(alice, couple):
    """ "Not taken yet" looks exactly like "at risk" to the partner (docs/safety.md)."""
    assert joint_exercises_allowed(couple) is False
    take_screen(alice, at_risk=False)
    assert joint_exercises_allowed(couple) is False
    assert joint_exercises_allowed(None) is True


def test_joint_exercises_are_off_when_either_partner_is_at_risk(alice, bob, couple):
    take_screen(bob, at_risk=False)
    take_screen(alice, at_risk=False)
    assert joint_exercises_allowed(couple) is True
    take_screen(alice, at_risk=True)
    assert joint_exercises_allowed(couple) is False


def test_only_the_latest_answered_screen_counts(alice, bob, couple):
    take_screen(bob, at_risk=False)
    take_screen(alice, at_risk=True)
    take_screen(alice, at_risk=False)
    assert joint_exercises_allowed(couple) is True
    take_screen(alice, at_risk=True)
    services.skip_screen(user=alice)  # "not now" never lifts the gate
    assert joint_exercises_allowed(couple) is False


def test_the_gate_is_one_query(alice, bob, couple, django_assert_num_queries):
    for _ in range(5):
        take_screen(alice, at_risk=False)
        take_screen(bob, at_risk=False)
    with django_assert_num_queries(1):
        joint_exercises_allowed(couple)


def test_an_ex_partners_screen_no_longer_gates_a_new_couple(alice, bob, charlie, couple):
    take_screen(bob, at_risk=True)
    leave_couple(user=alice)
    new = pair(alice, charlie)
    take_screen(alice, at_risk=False)
    take_screen(charlie, at_risk=False)
    assert joint_exercises_allowed(new) is True


def test_both_partners_see_the_same_neutral_message_on_safety_and_care(
    alice, couple, as_alice, as_bob
):
    take_screen(alice, at_risk=True)
    for client in (as_alice, as_bob):
        body = client.get("/safety/").content.decode()
        assert JOINT_OFF_MESSAGE.replace("'", "&#x27;") in body
    bob_status = as_bob.get("/api/v1/safety").json()
    assert bob_status == {
        "screen_taken": False,
        "joint_exercises_allowed": False,
        "message": JOINT_OFF_MESSAGE,
    }


# The Today prompt ---------------------------------------------------------------------------


PROMPT = "A few questions, just for you"


def test_today_offers_the_screen_to_a_paired_person_who_has_not_answered(as_alice, couple):
    assert PROMPT in as_alice.get("/today/").content.decode()


def test_today_does_not_offer_the_screen_to_someone_unpaired(as_alice):
    assert PROMPT not in as_alice.get("/today/").content.decode()


def test_the_prompt_goes_once_answered_and_the_partner_still_sees_their_own(
    alice, couple, as_alice, as_bob
):
    take_screen(alice, at_risk=True)
    assert PROMPT not in as_alice.get("/today/").content.decode()
    assert PROMPT in as_bob.get("/today/").content.decode()


def test_not_now_hides_the_prompt_without_counting_as_answered(alice, couple, as_alice):
    response = as_alice.post("/safety/screen/skip/")
    assert response.status_code == 302
    assert PROMPT not in as_alice.get("/today/").content.decode()
    assert services.latest_answered_screen(alice) is None
    as_alice.post("/safety/screen/skip/")
    assert ScreenResult.objects.filter(owner=alice).count() == 1


def test_the_prompt_comes_back_in_a_new_couple(alice, bob, charlie, couple, as_alice):
    take_screen(alice, at_risk=False)
    leave_couple(user=alice)
    pair(alice, charlie)
    assert PROMPT in login(alice).get("/today/").content.decode()


def test_the_today_panel_costs_the_same_queries_as_history_grows(alice, couple):
    from attunement.lib.panels import Part
    from attunement.safety.today import asks, panel
    from attunement.today.panels import ask

    class Req:
        pass

    def count() -> int:
        request = Req()
        request.user = type(alice).objects.get(pk=alice.pk)
        with CaptureQueriesContext(connection) as ctx:
            panel(request, ask(request.user, [Part(panel, asks)]))
        return len(ctx)

    services.skip_screen(user=alice)
    before = count()
    for _ in range(10):
        take_screen(alice, at_risk=False)
    assert count() == before <= 3


# API ------------------------------------------------------------------------------------------


def test_api_screen_lists_items_and_scale(as_alice):
    data = as_alice.get("/api/v1/safety/screen").json()
    assert [i["id"] for i in data["items"]] == [i["id"] for i in content.load("safety_screen")]
    assert data["scale"] == {str(k): v for k, v in content.screen_scale().items()}


def test_api_submit_at_risk_returns_resources_to_the_person(as_alice, alice, couple):
    response = as_alice.post(
        "/api/v1/safety/screen",
        json.dumps({"answers": at_risk_answers()}),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["at_risk"] is True and data["resources"]
    assert as_alice.get(f"/api/v1/safety/screen/{data['uuid']}").json()["at_risk"] is True


@pytest.mark.parametrize(
    "answers",
    [{}, {**ALL_CLEAR, "s-99": 1}, {**ALL_CLEAR, "s-01": 4}, {**ALL_CLEAR, "s-01": -1}],
    ids=["empty", "unknown item", "above scale", "below scale"],
)
def test_api_refuses_incomplete_or_off_scale_answers_with_422(as_alice, answers):
    response = as_alice.post(
        "/api/v1/safety/screen", json.dumps({"answers": answers}), content_type="application/json"
    )
    assert response.status_code == 422
    assert not ScreenResult.objects.exists()


def test_api_status_tells_only_about_yourself(alice, bob, couple):
    take_screen(alice, at_risk=False)
    assert login(bob).get("/api/v1/safety").json()["screen_taken"] is False
    assert login(alice).get("/api/v1/safety").json()["screen_taken"] is True
    charlie = make_user("c2@example.com", "C")
    assert login(charlie).get("/api/v1/safety").json()["joint_exercises_allowed"] is True
