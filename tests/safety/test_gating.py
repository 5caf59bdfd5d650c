"""The gate on joint exercises that could escalate, enforced on the server for every such route.

Today those are the typed Speaker-Listener conversations on medium and hard topics (page and
API). When either partner's latest private screen suggests risk, both get the same neutral
message, and nothing says why or who.
"""

import json

import pytest

from attunement.safety.hooks import JOINT_OFF_MESSAGE
from tests.safety.conftest import take_screen

pytestmark = pytest.mark.django_db
MEDIUM = "t-027"
PAGE = {"topic": MEDIUM, "mode": "typed", "timer_minutes": "0", "own_topic": ""}
API = {"topic_id": MEDIUM, "mode": "typed"}


def _start(client, how: str):
    if how == "page":
        return client.post("/listening/start/", PAGE)
    body = json.dumps(API)
    return client.post("/api/v1/listening/conversations", body, content_type="application/json")


@pytest.mark.parametrize("how", ["page", "api"])
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_a_partner_at_risk_turns_typed_hard_conversations_off_for_both(
    how, who, alice, couple, as_alice, as_bob
):
    take_screen(alice, at_risk=True)
    client = {"alice": as_alice, "bob": as_bob}[who]
    response = _start(client, how)
    assert response.status_code == 409
    body = response.content.decode().replace("&#x27;", "'")
    assert JOINT_OFF_MESSAGE in body
    main = body.split("<main")[-1].split("</main>")[0]
    for why in ("safety check", "at risk", "their answers", "your answers"):
        assert why not in main.lower()
    if how == "api":
        assert response.json() == {"detail": JOINT_OFF_MESSAGE}


@pytest.mark.parametrize("how", ["page", "api"])
def test_typed_conversations_start_when_both_screens_are_clear(how, alice, bob, couple, as_bob):
    take_screen(alice, at_risk=False)
    take_screen(bob, at_risk=False)
    assert _start(as_bob, how).status_code in (201, 302)


def test_in_person_conversations_stay_available(alice, couple, as_bob):
    take_screen(alice, at_risk=True)
    response = as_bob.post("/listening/start/", {**PAGE, "mode": "in_person"})
    assert response.status_code == 302


def test_a_screen_at_risk_also_stops_a_typed_conversation_already_under_way(
    alice, bob, couple, as_bob
):
    from attunement.listening.models import Conversation

    take_screen(alice, at_risk=False)
    take_screen(bob, at_risk=False)
    assert _start(as_bob, "api").status_code == 201
    conversation = Conversation.objects.get()
    take_screen(alice, at_risk=True)
    response = as_bob.post(
        f"/api/v1/listening/conversations/{conversation.uuid}/pieces",
        json.dumps({"text": "I feel stretched thin by the week.", "send_anyway": True}),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json() == {"detail": JOINT_OFF_MESSAGE}
    conversation.refresh_from_db()
    assert conversation.step == 0
