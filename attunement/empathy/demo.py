"""Demo history for the empathy strategy: feelings rounds with guesses, quiz rounds, answers
about themselves, and one perspective-taking exchange."""

import random
from datetime import timedelta

from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.empathy import quiz
from attunement.empathy.accuracy import accuracy
from attunement.empathy.models import (
    Disagreement,
    EntryKind,
    FeelingGuess,
    FeelingRound,
    QuizEntry,
    QuizRound,
    SelfAnswer,
    Story,
    StoryRating,
    quiz_item,
)

ROUNDS = [
    (["stressed", "tired"], 4, "the deadline moved up again"),
    (["content", "grateful"], 3, "a slow Sunday with you"),
    (["anxious"], 3, "waiting on the test results"),
    (["excited", "hopeful"], 4, "the trip is booked"),
    (["lonely"], 2, "missing my sister"),
    (["playful"], 3, ""),
    (["frustrated", "irritated"], 3, "the landlord still hasn't called"),
]
# Guesses start wide of the mark and come closer, as they do with practice and feedback.
NEAR = {
    "stressed": "anxious",
    "tired": "calm",
    "content": "relieved",
    "grateful": "loving",
    "anxious": "confused",
    "excited": "playful",
    "hopeful": "curious",
    "lonely": "sad",
    "playful": "joyful",
    "frustrated": "angry",
    "irritated": "frustrated",
}
ANSWERS = {"choice": 0, "ranking": None, "text": "Soup on the sofa with a film"}


def _value(item_id: str, pick: int) -> object:
    item = quiz_item(item_id)
    options = list(item.get("options", []))
    if item["answer"] == "choice":
        return options[pick % len(options)]
    if item["answer"] == "ranking":
        return options[pick % 2 :] + options[: pick % 2]
    return ["Soup on the sofa", "A walk by the canal", "My grandmother", "Rain on the window"][
        pick % 4
    ]


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    rng = random.Random(13)
    now = timezone.now()
    for n in range(min(days, 14)):
        feeler, guesser = (alex, sam) if n % 2 else (sam, alex)
        felt, intensity, because = ROUNDS[n % len(ROUNDS)]
        at = now - timedelta(days=min(days, 14) - n, hours=rng.randrange(8))
        if rng.random() < 0.5 + n / 30:
            guessed = felt[:]
        else:
            guessed = [NEAR.get(f, f) for f in felt]
        guessed_intensity = max(1, min(5, intensity + rng.choice([-1, 0, 0, 1])))
        made = FeelingRound.objects.create(
            owner=feeler,
            couple=couple,
            visibility=Visibility.SEALED,
            feelings=felt,
            intensity=intensity,
            because=because,
            created_at=at,
            revealed_at=at + timedelta(hours=2),
        )
        FeelingGuess.objects.create(
            owner=guesser,
            couple=couple,
            visibility=Visibility.SEALED,
            round=made,
            feelings=guessed,
            intensity=guessed_intensity,
            created_at=at + timedelta(hours=2),
            accuracy=accuracy(felt, intensity, guessed, guessed_intensity),
            revealed_at=at + timedelta(hours=2),
        )
    ids = quiz.item_ids()
    for n in range(6):
        subject, guesser = (alex, sam) if n % 2 else (sam, alex)
        item_id = quiz.choose_item(
            seed=f"{couple.uuid}:{subject.uuid}", history=[], ids=ids[n * 20 :]
        )
        at = now - timedelta(days=12 - 2 * n)
        answer, guess = _value(item_id, n), _value(item_id, n + (n % 3 == 0))
        kind = quiz_item(item_id)["answer"]
        served = QuizRound.objects.create(
            couple=couple,
            subject=subject,
            item_id=item_id,
            created_at=at,
            revealed_at=at,
            match=quiz.match_of(kind, answer, guess) if kind != "text" else 1.0,
            marked="match" if kind == "text" else "",
        )
        for owner, entry_kind, value in (
            (subject, EntryKind.ANSWER, answer),
            (guesser, EntryKind.GUESS, guess),
        ):
            QuizEntry.objects.create(
                round=served,
                owner=owner,
                couple=couple,
                kind=entry_kind,
                visibility=Visibility.SEALED,
                value=quiz.clean_value(item_id, value),
                revealed_at=at,
            )
    for person in (alex, sam):
        for k, item_id in enumerate(ids[120:126]):
            SelfAnswer.objects.create(
                owner=person,
                item_id=item_id,
                visibility=Visibility.PRIVATE,
                value=quiz.clean_value(item_id, _value(item_id, k)),
            )
    at = now - timedelta(days=5)
    fight = Disagreement.objects.create(
        owner=alex,
        couple=couple,
        visibility=Visibility.SHARED,
        created_at=at,
        topic="Who forgot the bins (again)",
        stories_revealed_at=at,
        ratings_revealed_at=at,
    )
    stories = {
        alex: "You'd had a long day and came home to the bins still out. I think you felt let "
        "down and tired, like you carry the small things alone.",
        sam: "You felt criticised the moment you walked in. You were worried about work and the "
        "bins were the last thing on your mind, and my tone made you feel small.",
    }
    for writer, rater in ((alex, sam), (sam, alex)):
        story = Story.objects.create(
            disagreement=fight,
            owner=writer,
            couple=couple,
            visibility=Visibility.SEALED,
            text=stories[writer],
            revealed_at=at,
        )
        StoryRating.objects.create(
            story=story,
            owner=rater,
            couple=couple,
            visibility=Visibility.SEALED,
            captured=4,
            missed="I was also a bit embarrassed." if rater == sam else "",
            revealed_at=at,
        )
