"""The grouped feelings set that check-ins and empathy rounds share: plain data, no Django.

Groups keep the list easy to scan (and are the broad words of the granularity practice); each
feeling maps to one of the 27 GoEmotions categories or "neutral" (Demszky et al. 2020), so
check-ins and text analysis speak the same language. Each feeling also has a place on the two
axes of the circumplex of affect (Russell 1980): `valence` from unpleasant (-1) to pleasant (+1)
and `arousal` from low energy (-1) to high energy (+1). The empathic-accuracy score
(attunement/empathy/accuracy.py, docs/empathy.md) measures how near a guess lands on that map.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Feeling:
    id: str
    label: str
    goemotion: str
    valence: float = 0.0
    arousal: float = 0.0
    meaning: str = ""  # one short line for the granularity practice


@dataclass(frozen=True)
class FeelingGroup:
    id: str
    label: str
    colour: str  # used in the history chart; always paired with a text label
    feelings: tuple[Feeling, ...]
    meaning: str = ""


GROUPS: tuple[FeelingGroup, ...] = (
    FeelingGroup(
        "bright",
        "Bright",
        "#d9a21b",
        (
            Feeling("joyful", "Joyful", "joy", 0.9, 0.6, "Lit up; something is simply good."),
            Feeling("content", "Content", "joy", 0.7, -0.4, "Settled; nothing more is needed."),
            Feeling(
                "grateful", "Grateful", "gratitude", 0.8, 0.0, "Aware of a gift, or of someone."
            ),
            Feeling("proud", "Proud", "pride", 0.7, 0.4, "Pleased with something you did."),
            Feeling("excited", "Excited", "excitement", 0.8, 0.9, "Buzzing about what's coming."),
            Feeling("playful", "Playful", "amusement", 0.8, 0.6, "Light, silly, up for fun."),
            Feeling("hopeful", "Hopeful", "optimism", 0.6, 0.2, "Expecting something good ahead."),
            Feeling("relieved", "Relieved", "relief", 0.6, -0.5, "A weight has lifted; it's over."),
        ),
        "Good feelings with light in them: pleasure, pride, looking forward.",
    ),
    FeelingGroup(
        "warm",
        "Warm",
        "#c8577a",
        (
            Feeling("loving", "Loving", "love", 0.9, 0.2, "Full of affection for someone."),
            Feeling("caring", "Caring", "caring", 0.7, 0.0, "Wanting someone to be alright."),
            Feeling(
                "admiring", "Admiring", "admiration", 0.7, 0.2, "Moved by someone's qualities."
            ),
            Feeling("longing", "Longing", "desire", 0.2, 0.4, "Wanting someone or something near."),
            Feeling("curious", "Curious", "curiosity", 0.4, 0.4, "Drawn to find out more."),
        ),
        "Feelings that reach toward someone or something.",
    ),
    FeelingGroup(
        "calm",
        "Calm",
        "#3f8f7f",
        (
            Feeling("calm", "Calm", "neutral", 0.4, -0.7, "Quiet inside; steady."),
            Feeling("tired", "Tired", "neutral", -0.2, -0.9, "Low on fuel; wanting rest."),
            Feeling("surprised", "Surprised", "surprise", 0.1, 0.7, "Caught off guard."),
            Feeling(
                "thoughtful", "Thoughtful", "realization", 0.2, -0.2, "Turning something over."
            ),
        ),
        "Low-key states: rest, reflection, a moment of surprise.",
    ),
    FeelingGroup(
        "tense",
        "Tense",
        "#7a5fc0",
        (
            Feeling("anxious", "Anxious", "nervousness", -0.6, 0.6, "Uneasy about what may come."),
            Feeling("stressed", "Stressed", "nervousness", -0.6, 0.7, "Too much, too fast."),
            Feeling("scared", "Scared", "fear", -0.8, 0.8, "Sensing danger or loss."),
            Feeling("confused", "Confused", "confusion", -0.3, 0.3, "Unsure what's going on."),
            Feeling(
                "embarrassed",
                "Embarrassed",
                "embarrassment",
                -0.5,
                0.5,
                "Exposed; wishing to hide a little.",
            ),
        ),
        "Unpleasant feelings with energy in them: worry, pressure, fear.",
    ),
    FeelingGroup(
        "heavy",
        "Heavy",
        "#4a74b5",
        (
            Feeling("sad", "Sad", "sadness", -0.7, -0.5, "Something hurts or is missing."),
            Feeling("lonely", "Lonely", "sadness", -0.7, -0.4, "Cut off; wanting company."),
            Feeling(
                "disappointed",
                "Disappointed",
                "disappointment",
                -0.6,
                -0.3,
                "It didn't turn out as hoped.",
            ),
            Feeling("grieving", "Grieving", "grief", -0.9, -0.4, "Mourning a loss."),
            Feeling("sorry", "Sorry", "remorse", -0.5, -0.2, "Wishing you had done otherwise."),
        ),
        "Unpleasant feelings that weigh you down: loss, letdown, regret.",
    ),
    FeelingGroup(
        "fiery",
        "Fiery",
        "#c4582f",
        (
            Feeling(
                "frustrated", "Frustrated", "annoyance", -0.6, 0.6, "Blocked from what you want."
            ),
            Feeling("irritated", "Irritated", "annoyance", -0.5, 0.5, "Rubbed the wrong way."),
            Feeling("angry", "Angry", "anger", -0.8, 0.9, "Something crossed a line."),
            Feeling("hurt", "Hurt", "disapproval", -0.7, 0.2, "Wounded by what someone did."),
            Feeling("disgusted", "Disgusted", "disgust", -0.8, 0.4, "Repelled; wanting away."),
        ),
        "Hot feelings that push back: frustration, anger, hurt.",
    ),
)

BY_ID: dict[str, Feeling] = {f.id: f for g in GROUPS for f in g.feelings}
GROUP_OF: dict[str, FeelingGroup] = {f.id: g for g in GROUPS for f in g.feelings}
GROUP_BY_ID: dict[str, FeelingGroup] = {g.id: g for g in GROUPS}
CHOICES: list[tuple[str, str]] = [(f.id, f.label) for g in GROUPS for f in g.feelings]


def labels(ids: list[str]) -> list[str]:
    return [BY_ID[i].label for i in ids if i in BY_ID]
