"""The seal: before the reveal the partner learns nothing of the other's feelings, answers or
story: everything they can open is byte-identical whatever the other wrote (the same rule and
the same test as the daily question in tests/sharing/test_sealing.py)."""

import re

from attunement.couples import access
from attunement.empathy import quiz, services
from attunement.empathy.models import FeelingRound, QuizEntry, Story
from tests.empathy.helpers import OTHER, SECRET, disagreement, feeling_round, quiz_rounds


def view(client, urls: list[str]) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
        )
    return pages


def round_urls(uuid) -> list[str]:
    return [
        "/empathy/",
        f"/empathy/rounds/{uuid}/",
        "/empathy/accuracy/",
        "/today/",
        "/api/v1/empathy/rounds",
        f"/api/v1/empathy/rounds/{uuid}",
        "/api/v1/empathy/accuracy",
    ]


def test_partner_sees_the_same_whatever_the_round_holds_until_they_guess(
    alice, bob, couple, as_bob
):
    made = feeling_round(alice, ["joyful"], 5, because=SECRET)
    before = view(as_bob, round_urls(made.uuid))
    assert (
        SECRET not in str(before) and "Joyful" not in before[f"/api/v1/empathy/rounds/{made.uuid}"]
    )
    FeelingRound.objects.filter(pk=made.pk).update(
        feelings=["sad", "lonely", "hurt"], intensity=1, because=OTHER * 20
    )
    assert view(as_bob, round_urls(made.uuid)) == before
    FeelingRound.objects.filter(pk=made.pk).update(because="")
    assert view(as_bob, round_urls(made.uuid)) == before


def test_the_gate_itself_hides_a_sealed_round(alice, bob, couple):
    feeling_round(alice)
    assert not access.visible(bob, FeelingRound.objects).exists()
    assert access.feeling_rounds(bob, FeelingRound.objects).count() == 1  # to guess, not read


def test_the_guess_reveals_both_side_by_side_with_the_score(alice, bob, couple, as_alice, as_bob):
    made = feeling_round(alice, ["anxious", "tired"], 3)
    response = as_bob.post(
        f"/empathy/rounds/{made.uuid}/guess/",
        {"feelings": ["stressed"], "intensity": "4"},
        follow=True,
    )
    page = response.content.decode()
    assert "Anxious, Tired" in page and "Stressed" in page and "39% close" in page
    assert SECRET in page and "what did you miss" in page.lower()
    assert "39% close" in as_alice.get(f"/empathy/rounds/{made.uuid}/").content.decode()


QUIZ_URLS = ["/empathy/quiz/", "/api/v1/empathy/quiz", "/today/", "/empathy/about-me/"]


def test_partner_sees_the_same_quiz_before_and_after_the_other_answers(alice, bob, couple, as_bob):
    about_alice, about_bob = quiz_rounds(alice, bob)
    before = view(as_bob, QUIZ_URLS)
    quiz.answer_round(user=alice, quiz_round=about_alice, value=SECRET)
    assert view(as_bob, QUIZ_URLS) == before
    quiz.answer_round(user=alice, quiz_round=about_alice, value=OTHER * 5)
    assert view(as_bob, QUIZ_URLS) == before
    # Alice's guess about Bob is sealed too.
    quiz.guess_round(user=alice, quiz_round=about_bob, value=SECRET)
    assert view(as_bob, QUIZ_URLS) == before
    assert not access.visible(bob, QuizEntry.objects.exclude(owner=bob)).exists()


def test_a_self_answer_is_never_shown_to_the_partner(alice, bob, couple, as_bob):
    before = view(as_bob, QUIZ_URLS + ["/api/v1/empathy/self-answers"])
    quiz.save_self_answer(user=alice, item_id="pq-002", value=SECRET)
    assert view(as_bob, QUIZ_URLS + ["/api/v1/empathy/self-answers"]) == before


def test_partner_sees_the_same_before_and_after_the_other_writes_their_story(
    alice, bob, couple, as_bob
):
    d = disagreement(alice)
    urls = [
        "/empathy/perspective/",
        f"/empathy/perspective/{d.uuid}/",
        "/api/v1/empathy/disagreements",
        f"/api/v1/empathy/disagreements/{d.uuid}",
        "/today/",
    ]
    before = view(as_bob, urls)
    services.write_story(user=alice, disagreement=d, text=SECRET)
    assert view(as_bob, urls) == before
    services.write_story(user=alice, disagreement=d, text=OTHER)
    assert view(as_bob, urls) == before


def test_ratings_stay_sealed_until_both_have_rated(alice, bob, couple, as_bob):
    d = disagreement(alice)
    services.write_story(user=alice, disagreement=d, text="You felt tired and let down.")
    services.write_story(user=bob, disagreement=d, text="You felt worried about money.")
    urls = [f"/empathy/perspective/{d.uuid}/", f"/api/v1/empathy/disagreements/{d.uuid}"]
    before = view(as_bob, urls)
    bobs_story = Story.objects.get(disagreement=d, owner=bob)
    services.rate_story(user=alice, story=bobs_story, captured=2, missed=SECRET)
    assert view(as_bob, urls) == before
    services.rate_story(user=bob, story=Story.objects.get(disagreement=d, owner=alice), captured=5)
    page = as_bob.get(urls[0]).content.decode()
    assert SECRET in page and "2/5" in page and "5/5" in page
