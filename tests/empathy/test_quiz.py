"""The partner quiz: selection without repeats, answers updated and expiring, matches."""

from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from attunement import content
from attunement.empathy import quiz
from attunement.empathy.models import CURRENT_DAYS, QuizEntry, QuizRound, SelfAnswer
from attunement.lib.errors import DomainError, InvalidInput
from tests.empathy.helpers import (
    CHOICE_ITEM,
    OTHER,
    RANKING_ITEM,
    SECRET,
    TEXT_ITEM,
    quiz_rounds,
    revealed_quiz_round,
)


def test_the_catalogue_has_150_questions_over_seven_topics_and_three_answer_kinds():
    items = content.load("partner_quiz")
    assert len(items) >= 150
    topics = Counter(i["topic"] for i in items)
    assert set(topics) == set(content.quiz_topics()) and min(topics.values()) >= 20
    assert {i["answer"] for i in items} == {"choice", "text", "ranking"}
    assert {i["topic"] for i in items if i.get("current")} >= {"worries", "stresses"}


def test_no_item_repeats_until_every_item_has_been_asked():
    ids = quiz.item_ids()
    history: list[str] = []
    for _ in range(len(ids)):
        history.append(quiz.choose_item(seed="s", history=history, ids=ids))
    assert sorted(history) == sorted(ids)
    # Then the cycle starts again with the one asked longest ago, still no repeats.
    for _ in range(len(ids)):
        history.append(quiz.choose_item(seed="s", history=history, ids=ids))
    assert history[len(ids)] == history[0]
    assert sorted(history[len(ids) :]) == sorted(ids)


def test_the_order_differs_between_couples():
    ids = quiz.item_ids()
    assert quiz.choose_item(seed="a", history=[], ids=ids) != quiz.choose_item(
        seed="b", history=[], ids=ids
    ) or quiz.choose_item(seed="c", history=[], ids=ids) != quiz.choose_item(
        seed="a", history=[], ids=ids
    )


def test_serving_questions_to_a_couple_never_repeats_about_the_same_person(alice, bob, couple):
    seen: list[str] = []
    for _ in range(12):
        about_alice, about_bob = quiz.next_rounds(user=alice)
        for r in (about_alice, about_bob):
            r.revealed_at = timezone.now()
            r.save(update_fields=["revealed_at"])
        seen.append(about_alice.item_id)
    assert len(seen) == len(set(seen)) == 12
    assert QuizRound.objects.filter(subject=alice).count() == 12


def test_a_self_answer_can_be_updated_and_fills_in_the_next_round_about_them(alice, bob, couple):
    quiz.save_self_answer(user=alice, item_id=TEXT_ITEM, value="Soup")
    quiz.save_self_answer(user=alice, item_id=TEXT_ITEM, value=SECRET)
    assert SelfAnswer.objects.get(owner=alice, item_id=TEXT_ITEM).answer == SECRET
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(quiz, "item_ids", lambda: [TEXT_ITEM])  # so the round asks about this item
        served = quiz.open_rounds(user=alice)[0]
    entry = QuizEntry.objects.get(round=served, kind="answer")
    assert entry.answer == SECRET and entry.revealed_at is None


def test_current_answers_expire_after_a_week_and_stop_filling_rounds(alice, bob, couple):
    item = next(i for i in content.load("partner_quiz") if i.get("current"))
    lasting = next(i for i in content.load("partner_quiz") if not i.get("current"))
    quiz.save_self_answer(user=alice, item_id=item["id"], value=_any(item))
    quiz.save_self_answer(user=alice, item_id=lasting["id"], value=_any(lasting))
    assert quiz.current_self_answer(alice, item["id"]) is not None
    later = timezone.now() + timedelta(days=CURRENT_DAYS, minutes=1)
    assert quiz.current_self_answer(alice, item["id"], now=later) is None
    assert quiz.current_self_answer(alice, lasting["id"], now=later) is not None


def test_an_unanswered_this_week_round_expires_and_refuses_late_answers(alice, bob, couple):
    item = next(i for i in content.load("partner_quiz") if i.get("current"))
    served = QuizRound.objects.create(couple=couple, subject=alice, item_id=item["id"])
    with time_machine.travel(timezone.now() + timedelta(days=CURRENT_DAYS + 1)):
        with pytest.raises(DomainError, match="week has passed"):
            quiz.answer_round(user=alice, quiz_round=served, value=_any(item))
        # The next question replaces it.
        about_alice, _ = quiz.next_rounds(user=alice)
        assert about_alice.pk != served.pk


def _any(item):
    if item["answer"] == "choice":
        return item["options"][0]
    if item["answer"] == "ranking":
        return list(item["options"])
    return "Something"


def test_answer_and_guess_reveal_together_with_a_match(alice, bob, couple):
    about_alice, _ = quiz_rounds(alice, bob)
    about_alice.item_id = CHOICE_ITEM
    about_alice.save()
    quiz.guess_round(user=bob, quiz_round=about_alice, value="Autumn")
    about_alice.refresh_from_db()
    assert about_alice.revealed_at is None
    quiz.answer_round(user=alice, quiz_round=about_alice, value="Autumn")
    about_alice.refresh_from_db()
    assert about_alice.revealed_at is not None and about_alice.match == 1.0


def test_a_ranking_match_is_the_share_of_pairs_in_the_same_order():
    order = ["a", "b", "c", "d"]
    assert quiz.match_of("ranking", order, order) == 1
    assert quiz.match_of("ranking", order, order[::-1]) == 0
    assert quiz.match_of("ranking", order, ["b", "a", "c", "d"]) == pytest.approx(5 / 6, abs=1e-3)
    assert quiz.match_of("choice", "x", "y") == 0 and quiz.match_of("text", "x", "x") is None


def test_bad_answers_are_refused(alice):
    for item_id, value in [
        (CHOICE_ITEM, "Monsoon"),
        (RANKING_ITEM, ["A long walk outside"]),
        (TEXT_ITEM, "   "),
        (TEXT_ITEM, "x" * 500),
        ("pq-999", "hi"),
    ]:
        with pytest.raises(InvalidInput):
            quiz.save_self_answer(user=alice, item_id=item_id, value=value)
    assert not SelfAnswer.objects.exists()


def test_the_person_answered_about_marks_a_text_guess_and_a_miss_is_something_to_ask(
    alice, bob, couple, as_alice, as_bob
):
    served = revealed_quiz_round(alice, bob)
    assert served.match is None
    with pytest.raises(DomainError):
        quiz.mark_round(user=bob, quiz_round=served, marked="match")
    response = as_alice.post(f"/empathy/quiz/{served.uuid}/mark/", {"marked": "miss"})
    assert response.status_code == 302
    page = as_bob.get("/empathy/quiz/").content.decode()
    assert SECRET in page and OTHER in page
    assert "Something to ask about: ask Alice" in page
    assert "wrong" not in page.lower() and "you failed" not in page.lower()


def test_answering_for_the_wrong_side_is_refused(alice, bob, couple):
    about_alice, about_bob = quiz_rounds(alice, bob)
    with pytest.raises(DomainError):
        quiz.guess_round(user=alice, quiz_round=about_alice, value="x")
    with pytest.raises(DomainError):
        quiz.answer_round(user=bob, quiz_round=about_alice, value="x")
    assert not QuizEntry.objects.exists()


def test_about_me_offers_the_next_unanswered_question_and_another_on_request(alice, as_alice):
    first, second, third = quiz.item_ids()[:3]
    page = as_alice.get("/empathy/about-me/").content.decode()
    assert f"/empathy/about-me/{first}/" in page and "0 of " in page
    other = as_alice.get(f"/empathy/about-me/?after={first}").content.decode()
    assert f"/empathy/about-me/{second}/" in other
    as_alice.post(f"/empathy/about-me/{first}/", {"value": "Summer"})
    after = as_alice.get("/empathy/about-me/").content.decode()
    assert f"/empathy/about-me/{second}/" in after and "1 of " in after and "Summer" in after
    assert f"?after={second}" in after and third
