"""The demo couple's emotional styles: Alex talks things through and likes reassurance; Sam
thinks first and recharges alone. Both have shared and guessed, so the map is ready; Alex has
retaken the reflection once (history kept), and they have talked over one card together."""

from datetime import timedelta

from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.differences import scoring
from attunement.differences.models import CardTalk, ProfileVisibility, StyleGuess, StyleTake

# A whole-number answer per scale (7 = the scale's `high` end).
ALEX = {
    "closeness": 6, "space": 3, "processing": 2, "support_listening": 6, "support_comfort": 6,
    "support_practical": 3, "support_distraction": 4, "support_space": 2, "expressiveness": 6,
    "disagreement": 2, "recharge": 2,
}  # fmt: skip
SAM = {
    "closeness": 4, "space": 5, "processing": 6, "support_listening": 3, "support_comfort": 3,
    "support_practical": 6, "support_distraction": 5, "support_space": 6, "expressiveness": 3,
    "disagreement": 6, "recharge": 6,
}  # fmt: skip
# What each guessed of the other: close on most, a surprise or two.
ALEX_GUESSES_SAM = {**SAM, "support_practical": 4, "support_comfort": 5}
SAM_GUESSES_ALEX = {**ALEX, "space": 4}


def answers_for(targets: dict[str, int]) -> dict[str, object]:
    """Answers that score exactly `targets` (reverse-keyed items answered the other way)."""
    answers: dict[str, object] = {}
    for item in content.load("style_items"):
        value = targets[scoring.scale_of(item)]
        answers[item["id"]] = 8 - value if item.get("reverse") else value
    return answers


def _take(owner: User, couple: Couple, targets: dict[str, int], days_ago: int) -> None:
    when = timezone.now() - timedelta(days=days_ago)
    answers = answers_for(targets)
    StyleTake.objects.create(
        owner=owner,
        couple=couple,
        visibility=ProfileVisibility.SHARED,
        answers=answers,
        scores=scoring.score(answers),
        created_at=when,
        completed_at=when,
    )


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    first = min(days, 21)
    _take(alex, couple, {**ALEX, "closeness": 7, "expressiveness": 5}, first)
    _take(sam, couple, SAM, max(first - 1, 0))
    _take(alex, couple, ALEX, 2)
    revealed = timezone.now() - timedelta(days=max(first - 2, 0))
    for owner, about, scores in ((alex, sam, ALEX_GUESSES_SAM), (sam, alex, SAM_GUESSES_ALEX)):
        StyleGuess.objects.create(
            owner=owner,
            couple=couple,
            about=about,
            visibility=Visibility.SEALED,
            scores=scores,
            revealed_at=revealed,
        )
    # "Talking now or thinking first": Sam marked it, a few days after the map opened.
    talked = timezone.now() - timedelta(days=max(first - 5, 0))
    CardTalk.objects.create(
        owner=sam,
        couple=couple,
        visibility=Visibility.SHARED,
        card_id="d-03",
        talked_on=talked.astimezone(sam.tz).date(),
        created_at=talked,
    )
