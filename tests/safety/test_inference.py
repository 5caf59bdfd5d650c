"""What the partner can infer about the safety check (issue 12, item 15).

Joint exercises that could escalate open only once both partners have taken the private check
and neither's latest answers suggest risk. So "Alice has not taken it" and "Alice answered at
risk" are one state: Bob's pages and API are byte-for-byte the same in both, and an at-risk
answer never changes anything Bob sees.
"""

import json
import re

import pytest

from attunement.safety import services
from attunement.safety.hooks import JOINT_OFF_MESSAGE, joint_exercises_allowed
from tests.conftest import login
from tests.safety.conftest import at_risk_answers
from tests.safety.matrix import ALL_CLEAR

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
MEDIUM = "t-027"
BOBS_READS = ["/safety/", "/api/v1/safety", "/today/", "/listening/", "/api/v1/listening/topics"]


def bobs_view(bob) -> list[tuple[int, str]]:
    """Everything Bob reads about joint exercises, and what starting one answers him."""
    client = login(bob)
    seen = [client.get(url) for url in BOBS_READS]
    seen.append(
        client.post(
            "/listening/start/",
            {"topic": MEDIUM, "mode": "typed", "timer_minutes": "0", "own_topic": ""},
        )
    )
    seen.append(
        client.post(
            "/api/v1/listening/conversations",
            json.dumps({"topic_id": MEDIUM, "mode": "typed"}),
            content_type="application/json",
        )
    )
    return [(r.status_code, TOKEN.sub("", r.content.decode())) for r in seen]


def test_bob_cannot_tell_an_at_risk_answer_from_no_answer(alice, bob, couple):
    services.submit_screen(user=bob, answers=ALL_CLEAR)
    not_taken = bobs_view(bob)
    assert not joint_exercises_allowed(couple)
    services.submit_screen(user=alice, answers=at_risk_answers())
    at_risk = bobs_view(bob)
    assert at_risk == not_taken  # byte for byte, every page, API read and refusal
    statuses = [status for status, _ in at_risk]
    assert statuses[-2:] == [409, 409]
    assert json.loads(at_risk[-1][1]) == {"detail": JOINT_OFF_MESSAGE}
    assert json.loads(at_risk[1][1])["joint_exercises_allowed"] is False


def test_the_at_risk_partners_own_view_is_the_same_too(alice, bob, couple):
    """Alice's pages say nothing that Bob's would not, apart from her own check."""
    services.submit_screen(user=alice, answers=at_risk_answers())
    status = login(alice).get("/api/v1/safety").json()
    assert status == {
        "screen_taken": True,
        "joint_exercises_allowed": False,
        "message": JOINT_OFF_MESSAGE,
    }


def test_exercises_open_once_both_have_taken_the_check_and_neither_is_at_risk(alice, bob, couple):
    assert not joint_exercises_allowed(couple)  # nobody has taken it
    services.submit_screen(user=alice, answers=ALL_CLEAR)
    assert not joint_exercises_allowed(couple)  # only one has
    services.submit_screen(user=bob, answers=ALL_CLEAR)
    assert joint_exercises_allowed(couple)
    assert login(bob).get("/api/v1/safety").json()["joint_exercises_allowed"] is True
    services.submit_screen(user=alice, answers=at_risk_answers())
    assert not joint_exercises_allowed(couple)


def test_a_skipped_check_does_not_count_as_taken(alice, bob, couple):
    services.submit_screen(user=bob, answers=ALL_CLEAR)
    services.skip_screen(user=alice)
    assert not joint_exercises_allowed(couple)


def test_light_topics_in_person_conversations_and_daily_questions_stay_open(
    alice, bob, couple, as_bob
):
    """The decision in docs/safety.md: only typed medium and hard conversations are gated."""
    services.submit_screen(user=alice, answers=at_risk_answers())
    page = {"topic": "t-001", "mode": "typed", "timer_minutes": "0", "own_topic": ""}
    assert as_bob.post("/listening/start/", page).status_code == 302
    in_person = {**page, "topic": MEDIUM, "mode": "in_person"}
    assert as_bob.post("/listening/start/", in_person).status_code == 302
    assert as_bob.get("/questions/").status_code == 200
