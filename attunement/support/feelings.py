"""The friendly feelings people pick in a check-in, and what each means in GoEmotions terms.

Groups keep the list easy to scan; each feeling maps to one of the 27 GoEmotions categories
or "neutral" (Demszky et al. 2020), so check-ins and text analysis speak the same language.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class Feeling:
    id: str
    label: str
    goemotion: str


@dataclass(frozen=True)
class FeelingGroup:
    id: str
    label: str
    colour: str  # used in the history chart; always paired with a text label
    feelings: tuple[Feeling, ...]


GROUPS: tuple[FeelingGroup, ...] = (
    FeelingGroup(
        "bright",
        "Bright",
        "#d9a21b",
        (
            Feeling("joyful", "Joyful", "joy"),
            Feeling("content", "Content", "joy"),
            Feeling("grateful", "Grateful", "gratitude"),
            Feeling("proud", "Proud", "pride"),
            Feeling("excited", "Excited", "excitement"),
            Feeling("playful", "Playful", "amusement"),
            Feeling("hopeful", "Hopeful", "optimism"),
            Feeling("relieved", "Relieved", "relief"),
        ),
    ),
    FeelingGroup(
        "warm",
        "Warm",
        "#c8577a",
        (
            Feeling("loving", "Loving", "love"),
            Feeling("caring", "Caring", "caring"),
            Feeling("admiring", "Admiring", "admiration"),
            Feeling("longing", "Longing", "desire"),
            Feeling("curious", "Curious", "curiosity"),
        ),
    ),
    FeelingGroup(
        "calm",
        "Calm",
        "#3f8f7f",
        (
            Feeling("calm", "Calm", "neutral"),
            Feeling("tired", "Tired", "neutral"),
            Feeling("surprised", "Surprised", "surprise"),
            Feeling("thoughtful", "Thoughtful", "realization"),
        ),
    ),
    FeelingGroup(
        "tense",
        "Tense",
        "#7a5fc0",
        (
            Feeling("anxious", "Anxious", "nervousness"),
            Feeling("stressed", "Stressed", "nervousness"),
            Feeling("scared", "Scared", "fear"),
            Feeling("confused", "Confused", "confusion"),
            Feeling("embarrassed", "Embarrassed", "embarrassment"),
        ),
    ),
    FeelingGroup(
        "heavy",
        "Heavy",
        "#4a74b5",
        (
            Feeling("sad", "Sad", "sadness"),
            Feeling("lonely", "Lonely", "sadness"),
            Feeling("disappointed", "Disappointed", "disappointment"),
            Feeling("grieving", "Grieving", "grief"),
            Feeling("sorry", "Sorry", "remorse"),
        ),
    ),
    FeelingGroup(
        "fiery",
        "Fiery",
        "#c4582f",
        (
            Feeling("frustrated", "Frustrated", "annoyance"),
            Feeling("irritated", "Irritated", "annoyance"),
            Feeling("angry", "Angry", "anger"),
            Feeling("hurt", "Hurt", "disapproval"),
            Feeling("disgusted", "Disgusted", "disgust"),
        ),
    ),
)

BY_ID: dict[str, Feeling] = {f.id: f for g in GROUPS for f in g.feelings}
GROUP_OF: dict[str, FeelingGroup] = {f.id: g for g in GROUPS for f in g.feelings}
CHOICES: list[tuple[str, str]] = [(f.id, f.label) for g in GROUPS for f in g.feelings]


def labels(ids: list[str]) -> list[str]:
    return [BY_ID[i].label for i in ids if i in BY_ID]


# The same feelings as choices, so forms and API schemas take them from one place.
# (The stubs know only TextChoices' enum-style call with plain strings, not (value, label) pairs.)
FeelingId = models.TextChoices(  # type: ignore[call-overload]
    "FeelingId", [(f.id.upper(), (f.id, f.label)) for g in GROUPS for f in g.feelings]
)
