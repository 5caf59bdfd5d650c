"""The empathic-accuracy score of a "How am I feeling?" round (documented in docs/empathy.md).

Each feeling has a place on the valence-arousal map (attunement/content/feelings.py). A guessed
feeling earns full credit for the exact feeling and partial credit for a near one; the feelings
part is the mean best credit over every feeling on both sides (so a scattershot guess of many
feelings pays for its misses, and the score is the same whichever side is called "guess").
Intensity adds how close the guessed intensity came on the 1-5 scale.
"""

import math

from attunement.content.feelings import BY_ID

NEAR_CREDIT = 0.5  # the most a different feeling can earn
NEAR_RADIUS = 1.0  # beyond this distance on the map a different feeling earns nothing
FEELINGS_WEIGHT = 0.8
INTENSITY_WEIGHT = 0.2


def distance(a: str, b: str) -> float:
    """Euclidean distance of two feelings on the valence-arousal map (each axis -1..1)."""
    fa, fb = BY_ID[a], BY_ID[b]
    return math.hypot(fa.valence - fb.valence, fa.arousal - fb.arousal)


def credit(a: str, b: str) -> float:
    """1 for the same feeling; NEAR_CREDIT x (1 - distance / NEAR_RADIUS) for a near one."""
    if a == b:
        return 1.0
    return NEAR_CREDIT * max(0.0, 1.0 - distance(a, b) / NEAR_RADIUS)


def feelings_match(felt: list[str], guessed: list[str]) -> float:
    """Mean best credit over every feeling on both sides: 1 for the same set, 0 for nothing
    near. Symmetric in its two arguments."""
    if not felt or not guessed:
        return 0.0
    total = sum(max(credit(f, g) for g in guessed) for f in felt)
    total += sum(max(credit(g, f) for f in felt) for g in guessed)
    return total / (len(felt) + len(guessed))


def intensity_match(felt: int, guessed: int) -> float:
    """1 for the same intensity, 0 for 1 against 5."""
    return 1.0 - abs(felt - guessed) / 4


def accuracy(
    felt: list[str], felt_intensity: int, guessed: list[str], guessed_intensity: int
) -> float:
    """The round's score from 0 to 1: 0.8 x feelings_match + 0.2 x intensity_match."""
    score = FEELINGS_WEIGHT * feelings_match(felt, guessed)
    score += INTENSITY_WEIGHT * intensity_match(felt_intensity, guessed_intensity)
    return round(score, 4)


def percent(score: float) -> int:
    return round(100 * score)
