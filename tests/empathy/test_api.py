"""The empathy API end to end: a round and its guess, a ranking in the quiz, a story."""

import pytest

from attunement.empathy import quiz
from attunement.empathy.models import QuizRound
from tests.empathy.helpers import RANKING_ITEM


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_round_through_the_api(alice, bob, couple, as_alice, as_bob):
    made = post(as_alice, "/api/v1/empathy/rounds", {"feelings": ["sad"], "intensity": 3})
    assert made.status_code == 201 and made.json()["feelings"] == ["sad"]
    uuid = made.json()["uuid"]
    sealed = as_bob.get(f"/api/v1/empathy/rounds/{uuid}").json()
    assert sealed["feelings"] == [] and sealed["intensity"] is None and not sealed["revealed"]
    guessed = post(
        as_bob, f"/api/v1/empathy/rounds/{uuid}/guess", {"feelings": ["lonely"], "intensity": 3}
    )
    assert guessed.status_code == 201
    assert guessed.json()["feelings"] == ["sad"] and guessed.json()["guess"]["accuracy"] == 56
    again = post(
        as_bob, f"/api/v1/empathy/rounds/{uuid}/guess", {"feelings": ["sad"], "intensity": 3}
    )
    assert again.status_code == 409
    assert as_bob.get("/api/v1/empathy/accuracy").json()[0]["accuracy"] == 56
    assert as_alice.get("/api/v1/empathy/accuracy").json() == []


@pytest.mark.parametrize(
    "bad",
    [
        {"feelings": [], "intensity": 3},
        {"feelings": ["sad"] * 6, "intensity": 3},
        {"feelings": ["meh"], "intensity": 3},
        {"feelings": ["sad"], "intensity": 9},
    ],
)
def test_bad_rounds_get_422(alice, bob, couple, as_alice, bad):
    assert post(as_alice, "/api/v1/empathy/rounds", bad).status_code == 422


def test_a_ranking_round_scores_the_order(alice, bob, couple, as_alice, as_bob, monkeypatch):
    monkeypatch.setattr(quiz, "item_ids", lambda: [RANKING_ITEM])
    about_alice = as_alice.get("/api/v1/empathy/quiz").json()[0]
    options = about_alice["options"]
    assert about_alice["kind"] == "ranking" and about_alice["about_me"]
    answered = post(
        as_alice, f"/api/v1/empathy/quiz/{about_alice['uuid']}/answer", {"value": options}
    )
    assert answered.status_code == 200 and answered.json()["mine"] == options
    shown = as_bob.get("/api/v1/empathy/quiz").json()[1]
    assert (
        shown["uuid"] == about_alice["uuid"] and shown["theirs"] is None and shown["mine"] is None
    )
    swapped = [options[1], options[0], *options[2:]]
    guessed = post(as_bob, f"/api/v1/empathy/quiz/{about_alice['uuid']}/guess", {"value": swapped})
    body = guessed.json()
    assert body["revealed"] and body["theirs"] == options and body["match"] == 83
    bad = post(as_bob, f"/api/v1/empathy/quiz/{about_alice['uuid']}/guess", {"value": options})
    assert bad.status_code == 409  # revealed already
    assert QuizRound.objects.get(uuid=about_alice["uuid"]).match == pytest.approx(5 / 6, abs=1e-3)


def test_self_answers_through_the_api(alice, as_alice):
    put = as_alice.put(
        "/api/v1/empathy/self-answers/pq-001", {"value": "Autumn"}, content_type="application/json"
    )
    assert put.status_code == 200 and put.json()["answer"] == "Autumn" and put.json()["current"]
    wrong = as_alice.put(
        "/api/v1/empathy/self-answers/pq-001", {"value": "Monsoon"}, content_type="application/json"
    )
    assert wrong.status_code == 422
    missing = as_alice.put(
        "/api/v1/empathy/self-answers/pq-999", {"value": "x"}, content_type="application/json"
    )
    assert missing.status_code == 404
    assert [a["answer"] for a in as_alice.get("/api/v1/empathy/self-answers").json()] == ["Autumn"]


def test_perspective_through_the_api(alice, bob, couple, as_alice, as_bob):
    made = post(as_alice, "/api/v1/empathy/disagreements", {"topic": "the holidays"})
    uuid = made.json()["uuid"]
    post(as_alice, f"/api/v1/empathy/disagreements/{uuid}/story", {"text": "You felt rushed."})
    bobs = post(
        as_bob, f"/api/v1/empathy/disagreements/{uuid}/story", {"text": "You felt left out."}
    )
    stories = bobs.json()["stories"]
    assert bobs.json()["stories_revealed"] and len(stories) == 2
    alices = next(s for s in stories if not s["mine"])
    rated = post(as_bob, f"/api/v1/empathy/stories/{alices['uuid']}/rating", {"captured": 4})
    assert rated.status_code == 201 and not rated.json()["ratings_revealed"]
    assert (
        post(
            as_bob, f"/api/v1/empathy/stories/{alices['uuid']}/rating", {"captured": 7}
        ).status_code
        == 422
    )
