"""The services own every rule of a write: a third caller (a command, a new API) gets the same
refusals and the same safety screening as the pages and the API, without any request."""

import json

import pytest

from attunement.lib.errors import InvalidInput
from attunement.safety.models import SafetyEvent
from attunement.safety.services import events_of
from attunement.sharing import services
from attunement.sharing.models import Answer, Reaction, ReactionKind
from tests.sharing.helpers import OTHER, SECRET, answer, both_answer, past_question, today

CRISIS_ANSWER = "I can't see the point in going on. I've been thinking about ending my life."
CRISIS_REPLY = "Honestly I feel like hurting myself tonight, I don't know what else to do."
CARE_TITLE = "You're not alone"


def alices_answer(alice, bob):
    return Answer.objects.get(served=both_answer(alice, bob), owner=alice)


def post_json(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


# Safety screening happens inside the writes.


def test_crisis_words_in_an_answer_record_a_safety_event_without_a_request(alice, bob, couple):
    services.submit_answer(user=alice, served=today(alice), text=CRISIS_ANSWER)
    event = SafetyEvent.objects.get()
    assert (event.owner, event.kind, event.where) == (alice, "self_harm", "sharing.submit_answer")


def test_crisis_words_in_a_reply_record_a_safety_event_for_the_replier_only(alice, bob, couple):
    target = alices_answer(alice, bob)
    services.react_to_answer(user=bob, answer=target, kind="", reply=CRISIS_REPLY)
    event = SafetyEvent.objects.get()
    assert (event.owner, event.where) == (bob, "sharing.react_to_answer")


def test_everyday_answers_and_reactions_record_nothing(alice, bob, couple):
    target = alices_answer(alice, bob)
    services.react_to_answer(user=bob, answer=target, kind="moved", reply="What a place.")
    assert not SafetyEvent.objects.exists()


def test_crisis_words_in_a_page_answer_offer_care_on_the_next_page_only_to_the_writer(
    alice, bob, couple, as_alice, as_bob
):
    response = as_alice.post(f"/questions/{today(alice).uuid}/answer/", {"text": CRISIS_ANSWER})
    assert response.status_code == 302
    assert CARE_TITLE in as_alice.get(response["Location"]).content.decode()
    assert CARE_TITLE not in as_bob.get("/questions/").content.decode()


def test_api_answer_and_reply_give_the_writer_care_and_the_partner_nothing(
    alice, bob, couple, as_alice, as_bob
):
    served = today(alice)
    r = post_json(as_alice, f"/api/v1/sharing/questions/{served.uuid}/answer", {"text": SECRET})
    assert r.status_code == 201 and "care" not in r.json()
    r = post_json(
        as_bob, f"/api/v1/sharing/questions/{served.uuid}/answer", {"text": CRISIS_ANSWER}
    )
    assert r.status_code == 201 and r.json()["care"]["resources"]
    assert "care" not in as_alice.get("/api/v1/sharing/today").json()
    target = Answer.objects.get(owner=alice)
    r = post_json(as_bob, f"/api/v1/sharing/answers/{target.uuid}/reactions", {"reply": "Lovely"})
    assert r.status_code == 201 and "care" not in r.json()
    r = post_json(
        as_alice,
        f"/api/v1/sharing/answers/{Answer.objects.get(owner=bob).uuid}/reactions",
        {"reply": CRISIS_REPLY},
    )
    assert r.status_code == 201 and r.json()["care"]["message"]
    assert len(events_of(bob)) == 1
    assert len(events_of(alice)) == 1


# Every rule holds for a third caller.


def test_a_third_caller_cannot_answer_blank(alice, couple):
    with pytest.raises(InvalidInput, match="Write a few words first, or skip this one."):
        services.submit_answer(user=alice, served=today(alice), text="  \n ")
    assert not Answer.objects.exists()


def test_a_third_caller_cannot_answer_twice_once_both_have_answered(alice, bob, couple):
    served = both_answer(alice, bob)
    with pytest.raises(services.SharingError, match="can no longer change"):
        services.submit_answer(user=alice, served=served, text="changed my mind")
    with pytest.raises(services.SharingError, match="can no longer change"):
        services.skip_question(user=alice, served=served)
    assert Answer.objects.get(owner=alice).text == SECRET


def test_a_third_caller_cannot_answer_another_days_question(alice, couple):
    with pytest.raises(services.SharingError, match="from another day"):
        services.submit_answer(user=alice, served=past_question(alice), text="late")


def test_a_third_caller_cannot_react_to_a_sealed_answer_their_own_or_with_nothing(
    alice, bob, charlie, couple
):
    sealed = answer(alice)
    with pytest.raises(services.SharingError, match="once you have both answered"):
        services.react_to_answer(user=bob, answer=sealed, kind="moved", reply="")
    with pytest.raises(services.SharingError, match="your own answer"):
        services.react_to_answer(user=alice, answer=sealed, kind="moved", reply="")
    with pytest.raises(services.SharingError, match="your partner's answers only"):
        services.react_to_answer(user=charlie, answer=sealed, kind="moved", reply="")
    target = alices_answer(alice, bob)
    with pytest.raises(InvalidInput, match="Choose a reaction or write a few words."):
        services.react_to_answer(user=bob, answer=target, kind="", reply="   ")
    with pytest.raises(InvalidInput, match="Choose one of the reactions offered."):
        services.react_to_answer(user=bob, answer=target, kind="meh", reply="hi")
    assert not Reaction.objects.exists()


def test_a_third_caller_cannot_set_an_unknown_comfort_ceiling(alice):
    with pytest.raises(InvalidInput):
        services.set_comfort(user=alice, ceiling="abyss")
    assert services.comfort_of(alice) == "deep"


# Pages and API say the same thing, once.


def test_api_and_page_refuse_with_the_same_words(alice, bob, couple, as_alice, as_bob):
    old = past_question(alice)
    page = as_alice.post(f"/questions/{old.uuid}/answer/", {"text": "late"})
    api = post_json(as_alice, f"/api/v1/sharing/questions/{old.uuid}/answer", {"text": "late"})
    message = "This question is from another day. Today's question is waiting for you."
    assert page.status_code == 409 and api.status_code == 409
    assert api.json() == {"detail": message}
    assert message.replace("'", "&#x27;") in page.content.decode()

    target = alices_answer(alice, bob)
    page = as_bob.post(f"/questions/answers/{target.uuid}/react/", {"kind": "", "reply": " "})
    api = post_json(as_bob, f"/api/v1/sharing/answers/{target.uuid}/reactions", {"reply": " "})
    assert page.status_code == 400 and api.status_code == 422
    assert api.json() == {"detail": "Choose a reaction or write a few words."}
    assert "Choose a reaction or write a few words." in page.content.decode()
    assert not Reaction.objects.exists()


def test_api_blank_answer_gets_the_words_of_the_page(alice, couple, as_alice):
    url = f"/api/v1/sharing/questions/{today(alice).uuid}/answer"
    for text in ("", "   "):
        r = post_json(as_alice, url, {"text": text})
        assert r.status_code == 422
        assert r.json() == {"detail": "Write a few words first, or skip this one."}
    assert not Answer.objects.exists()


def test_api_hidden_and_absent_objects_answer_the_one_404_body(alice, bob, charlie, couple, as_bob):
    sealed = answer(alice)
    for response in (
        post_json(as_bob, f"/api/v1/sharing/answers/{sealed.uuid}/reactions", {"kind": "moved"}),
        post_json(as_bob, f"/api/v1/sharing/answers/{sealed.uuid}/share", {}),
        as_bob.get(f"/api/v1/sharing/questions/{today(charlie).uuid}"),
        as_bob.get("/api/v1/sharing/questions/00000000-0000-0000-0000-000000000000"),
    ):
        assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_reaction_kinds_come_from_the_model(alice, bob, couple, as_bob):
    from attunement.api import api

    schema = api.get_openapi_schema()["components"]["schemas"]
    assert set(schema["ReactionKind"]["enum"]) == set(ReactionKind.values)
    target = alices_answer(alice, bob)
    r = post_json(as_bob, f"/api/v1/sharing/answers/{target.uuid}/reactions", {"kind": "moved"})
    assert r.json()["kind_text"] == ReactionKind.MOVED.label


def test_api_and_page_show_the_same_state_and_answers(alice, bob, couple, as_alice):
    served = both_answer(alice, bob)
    data = as_alice.get(f"/api/v1/sharing/questions/{served.uuid}").json()
    page = as_alice.get(f"/questions/{served.uuid}/").content.decode()
    assert data["state"] == "revealed" and "You have both answered" in page
    assert {a["text"] for a in data["answers"]} == {SECRET, OTHER}
    assert SECRET in page and OTHER in page
