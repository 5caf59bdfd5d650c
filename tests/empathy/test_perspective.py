"""Perspective-taking: the safety gate, screening and encryption of every text, the writer's
private feedback; and the pages of rounds started from a check-in."""

import pytest
from django.db import connection

from attunement.empathy import quiz, services
from attunement.empathy.models import Disagreement, FeelingRound, Story
from attunement.lib.errors import DomainError
from tests.empathy.helpers import SECRET, TOPIC, both_stories, disagreement, feeling_round

DEFENSIVE = (
    "You felt hurt when I came home late. But I was only trying to finish work, "
    "it was not my fault and I had told you already."
)
IN_THEIR_SHOES = "You felt lonely and worried all evening, and you wanted me to notice."


def screened_texts(monkeypatch) -> list[str]:
    screened: list[str] = []
    monkeypatch.setattr(
        "attunement.safety.screening.screen",
        lambda *, user, text, where: screened.append(text) if text else None,
    )
    return screened


def test_perspective_taking_is_off_when_the_safety_gate_says_so(
    alice, bob, couple, as_alice, monkeypatch
):
    d = disagreement(alice)
    monkeypatch.setattr("attunement.safety.hooks.joint_exercises_allowed", lambda couple: False)
    response = as_alice.post("/empathy/perspective/", {"topic": "money"})
    body = response.content.decode()
    assert response.status_code == 409 and "Some exercises aren&#x27;t available right now." in body
    assert "safety" not in body.split("<main")[1].split("</main>")[0].lower()
    response = as_alice.post(f"/empathy/perspective/{d.uuid}/story/", {"text": "You felt…"})
    assert response.status_code == 409
    api = as_alice.post(
        f"/api/v1/empathy/disagreements/{d.uuid}/story",
        {"text": "x"},
        content_type="application/json",
    )
    assert api.status_code == 409 and api.json() == {
        "detail": "Some exercises aren't available right now."
    }
    assert Disagreement.objects.count() == 1 and not Story.objects.exists()


def test_every_text_is_screened_and_encrypted_at_rest(alice, bob, couple, monkeypatch):
    screened = screened_texts(monkeypatch)
    d = services.start_disagreement(user=alice, topic="the " + SECRET)
    services.write_story(user=alice, disagreement=d, text="story " + SECRET)
    services.write_story(user=bob, disagreement=d, text="other story")
    theirs = Story.objects.get(disagreement=d, owner=bob)
    services.rate_story(user=alice, story=theirs, captured=3, missed="missed " + SECRET)
    feeling_round(alice, because="because " + SECRET)
    quiz.save_self_answer(user=alice, item_id="pq-002", value="answer " + SECRET)
    assert screened == [
        "the " + SECRET,
        "story " + SECRET,
        "other story",
        "missed " + SECRET,
        "because " + SECRET,
        "answer " + SECRET,
    ]
    with connection.cursor() as cursor:
        for table, column in [
            ("empathy_disagreement", "topic"),
            ("empathy_story", "text"),
            ("empathy_storyrating", "missed"),
            ("empathy_feelinground", "because"),
            ("empathy_selfanswer", "value"),
        ]:
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 (fixed names)
            for (raw,) in cursor.fetchall():
                assert raw.startswith("f1:") and "lighthouse" not in raw, table


def test_the_writer_alone_gets_feedback_on_their_story(alice, bob, couple, as_alice, as_bob):
    d = disagreement(alice)
    services.write_story(user=alice, disagreement=d, text=DEFENSIVE)
    mine = as_alice.get(f"/empathy/perspective/{d.uuid}/").content.decode()
    assert "Just for you" in mine and "Feelings you named for them: hurt." in mine
    assert "It slips into your own side." in mine
    services.write_story(user=bob, disagreement=d, text=IN_THEIR_SHOES)
    bobs = as_bob.get(f"/empathy/perspective/{d.uuid}/").content.decode()
    assert "It stays in their shoes." in bobs and "lonely, worried" in bobs
    assert bobs.count("Just for you") == 1 and "slips into your own side" not in bobs


def test_the_partners_note_shows_the_writer_which_feelings_their_story_missed(
    alice, bob, couple, as_alice
):
    d = both_stories(alice, bob)
    alices = Story.objects.get(disagreement=d, owner=alice)
    bobs = Story.objects.get(disagreement=d, owner=bob)
    services.rate_story(user=bob, story=alices, captured=3, missed="I was embarrassed, and angry.")
    services.rate_story(user=alice, story=bobs, captured=4)
    page = as_alice.get(f"/empathy/perspective/{d.uuid}/").content.decode()
    assert "Feelings in their note that your story didn't name: embarrassed, angry." in page


def test_story_rules(alice, bob, charlie, couple):
    d = disagreement(alice)
    with pytest.raises(DomainError):
        services.rate_story(user=bob, story=Story(disagreement=d, owner=alice), captured=3)
    with pytest.raises(DomainError, match="invite your partner"):
        services.start_disagreement(user=charlie, topic=TOPIC)
    d = both_stories(alice, bob)
    with pytest.raises(DomainError, match="can no longer change"):
        services.write_story(user=alice, disagreement=d, text="again")
    with pytest.raises(DomainError, match="your own story"):
        services.rate_story(
            user=alice, story=Story.objects.get(disagreement=d, owner=alice), captured=3
        )


def test_a_round_starts_from_a_shared_check_in_with_its_feelings_filled_in(
    alice, bob, couple, as_alice, as_bob
):
    check_in = as_alice.post(
        "/checkin/",
        {
            "feelings": ["anxious", "tired"],
            "intensity": "4",
            "energy": "2",
            "need": "listened",
            "note": "long day",
            "visibility": "shared",
        },
    )
    assert check_in.status_code == 302
    from attunement.support.models import CheckIn

    item = CheckIn.objects.get(owner=alice)
    detail = as_alice.get(f"/checkin/{item.uuid}/").content.decode()
    link = (
        "/empathy/rounds/new/?feelings=anxious&amp;feelings=tired&amp;intensity=4"
        "&amp;from_check_in=1"
    )
    assert link in detail
    assert "guess how you" not in as_bob.get(f"/checkin/{item.uuid}/").content.decode()
    form = as_alice.get(link.replace("&amp;", "&")).content.decode()
    assert "Filled in from your check-in" in form
    assert 'value="anxious" checked' in form and 'value="tired" checked' in form
    response = as_alice.post(
        "/empathy/rounds/new/",
        {"feelings": ["anxious", "tired"], "intensity": "4", "from_check_in": "True"},
    )
    made = FeelingRound.objects.get()
    assert (
        response.status_code == 302 and made.from_check_in and made.feelings == ["anxious", "tired"]
    )
    guess_page = as_bob.get(f"/empathy/rounds/{made.uuid}/").content.decode()
    assert "Alice checked in today. Guess before you read it" in guess_page


def test_rounds_are_for_two(charlie, as_charlie):
    response = as_charlie.post("/empathy/rounds/new/", {"feelings": ["calm"], "intensity": "2"})
    assert response.status_code == 409 and "invite your partner first" in response.content.decode()
    assert not FeelingRound.objects.exists()


def test_granularity_goes_from_a_broad_feeling_to_a_finer_word(as_charlie):
    broad = as_charlie.get("/empathy/words/?group=tense").content.decode()
    assert "Which tense word fits best?" in broad and "Uneasy about what may come." in broad
    fine = as_charlie.get("/empathy/words/?feeling=stressed").content.decode()
    assert "You're feeling stressed" in fine and "Too much, too fast." in fine
