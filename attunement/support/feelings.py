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

    @property
    def shape(self) -> str:
        """An SVG path around (0, 0): the chart tells groups apart without colour too."""
        return SHAPES[self.id]


# The Okabe-Ito palette (Okabe & Ito 2008), chosen to stay apart for the common kinds of colour
# blindness (tests/support/test_feeling_colours.py simulates them); each group also has a shape.
SHAPES = {
    "bright": "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0z",
    "warm": "M0,-6L6,0L0,6L-6,0z",
    "calm": "M-4.5,-4.5h9v9h-9z",
    "tense": "M0,-5.5L5.5,4.5H-5.5z",
    "heavy": "M0,5.5L5.5,-4.5H-5.5z",
    "fiery": "M-1.8,-5.5h3.6v3.7h3.7v3.6h-3.7v3.7h-3.6v-3.7h-3.7v-3.6h3.7z",
}


GROUPS: tuple[FeelingGroup, ...] = (
    FeelingGroup(
        "bright",
        "Bright",
        "#e69f00",
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
        "#cc79a7",
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
        "#009e73",
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
        "#56b4e9",
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
        "#0072b2",
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
        "#d55e00",
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
