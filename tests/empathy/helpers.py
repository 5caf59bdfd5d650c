"""Small builders for empathy tests (plain functions, so the access matrix can use them too)."""

from attunement.accounts.models import User
from attunement.couples import access
from attunement.empathy import quiz, services
from attunement.empathy.models import Disagreement, FeelingRound, QuizRound, Story

SECRET = "the lighthouse where I learned to swim"
OTHER = "a rainy bus stop in winter"
TOPIC = "the washing-up rota"
TEXT_ITEM, TEXT_ITEM_2, CHOICE_ITEM, RANKING_ITEM = "pq-002", "pq-005", "pq-001", "pq-004"


def feeling_round(
    user: User, feelings: list[str] | None = None, intensity: int = 3, because: str = SECRET
) -> FeelingRound:
    return services.start_round(
        user=user, feelings=feelings or ["anxious", "tired"], intensity=intensity, because=because
    )


def guessed_round(feeler: User, guesser: User) -> FeelingRound:
    made = feeling_round(feeler)
    services.guess_round(user=guesser, feeling_round=made, feelings=["stressed"], intensity=4)
    made.refresh_from_db()
    return made


def quiz_rounds(alice: User, bob: User) -> tuple[QuizRound, QuizRound]:
    """One text question about each of them, nothing answered yet."""
    couple = access.current_couple(alice)
    about_alice = QuizRound.objects.create(couple=couple, subject=alice, item_id=TEXT_ITEM)
    about_bob = QuizRound.objects.create(couple=couple, subject=bob, item_id=TEXT_ITEM_2)
    return about_alice, about_bob


def revealed_quiz_round(alice: User, bob: User) -> QuizRound:
    about_alice, _ = quiz_rounds(alice, bob)
    quiz.answer_round(user=alice, quiz_round=about_alice, value=SECRET)
    quiz.guess_round(user=bob, quiz_round=about_alice, value=OTHER)
    about_alice.refresh_from_db()
    return about_alice


def disagreement(alice: User) -> Disagreement:
    """A disagreement started by `alice`, once both partners have taken the safety check."""
    from tests.safety.conftest import take_screen

    partner = access.partner_of(alice)
    for person in (alice, partner):
        if person is not None and not person_took_check(person):
            take_screen(person, at_risk=False)
    return services.start_disagreement(user=alice, topic=TOPIC)


def person_took_check(person: User) -> bool:
    from attunement.safety.models import ScreenResult

    return ScreenResult.objects.filter(owner=person, skipped=False).exists()


def both_stories(alice: User, bob: User) -> Disagreement:
    d = disagreement(alice)
    services.write_story(user=alice, disagreement=d, text=SECRET)
    services.write_story(user=bob, disagreement=d, text=OTHER)
    d.refresh_from_db()
    return d


def alices_story(d: Disagreement, alice: User) -> Story:
    return Story.objects.get(disagreement=d, owner=alice)
