"""Emotions in a text over the 27 GoEmotions categories plus neutral (Demszky et al. 2020)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

from . import text as t
from .encoder import encode_pooled
from .features import FloatArray, vader_features
from .heads import logits, sigmoid

GOEMOTIONS_LABELS: tuple[str, ...] = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)
PRESENT_AT = 0.5


@dataclass(frozen=True)
class EmotionsResult:
    """Every label with its probability, best first."""

    emotions: list[tuple[str, float]]

    @property
    def present(self) -> list[str]:
        """Labels scoring at least 0.5; the best label alone when none does."""
        labels = [label for label, score in self.emotions if score >= PRESENT_AT]
        return labels or [self.emotions[0][0]]

    @property
    def top(self) -> str:
        return self.emotions[0][0]

    def as_dict(self) -> dict[str, object]:
        return {"emotions": [[label, score] for label, score in self.emotions]}


# Strong feeling words that name one emotion on their own ("furious.", "relieved tbh"), in the
# GoEmotions definitions (shame and feeling ashamed are embarrassment; guilt is remorse).
STRONG_WORDS: dict[str, tuple[str, ...]] = {
    "anger": (
        "furious",
        "livid",
        "fuming",
        "seething",
        "enraged",
        "outraged",
        "irate",
        "raging",
        "angry",
        "angrier",
        "pissed",
        "infuriated",
        "incensed",
    ),
    "annoyance": ("annoyed", "irritated", "irked", "frustrated", "grumpy", "cranky", "exasperated"),
    "disgust": ("disgusted", "repulsed", "revolted", "sickened", "grossed", "nauseated"),
    "fear": ("scared", "terrified", "afraid", "frightened", "petrified", "panicked", "panicking"),
    "nervousness": ("nervous", "anxious", "jittery", "uneasy", "worried", "apprehensive"),
    "remorse": ("guilty", "remorseful", "regretful", "remorse"),
    "embarrassment": ("embarrassed", "mortified", "ashamed", "humiliated", "embarrassing"),
    "relief": ("relieved",),
    "sadness": (
        "sad",
        "heartbroken",
        "gutted",
        "devastated",
        "miserable",
        "depressed",
        "lonely",
        "unhappy",
        "sorrowful",
        "downhearted",
        "heartsick",
    ),
    "grief": ("grieving", "mourning", "bereaved", "bereft"),
    "disappointment": ("disappointed", "bummed", "deflated", "disheartened"),
    "joy": ("overjoyed", "elated", "ecstatic", "delighted", "joyful", "cheerful"),
    "excitement": ("thrilled", "excited", "stoked", "pumped", "hyped"),
    "gratitude": ("grateful", "thankful"),
    "pride": ("proud",),
    "optimism": ("hopeful", "optimistic"),
    "confusion": ("confused", "baffled", "puzzled", "perplexed", "bewildered"),
    "surprise": ("shocked", "stunned", "astonished", "flabbergasted", "gobsmacked"),
}
_STRONG = {word: label for label, words in STRONG_WORDS.items() for word in words}
# Real words one slip away from a feeling word, which must not be read as it.
_NOT_SLIPS = frozenset(
    "scarred sacred scored proved saddle sadly angle angel lonely content contents contest "
    "context pride prude prided bumped pumps jumped dumped hoped moaning morning mooning "
    "relived revolved revolver heated afraid shocker stoned stunted pouted puzzles".split()
)
_NEGATION = frozenset(("not", "no", "never", "nor", "without", "hardly", "barely"))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


_DELETES: dict[str, set[str]] = {}
for _word in _STRONG:
    if len(_word) >= 6:
        for _variant in _deletes(_word) | {_word}:
            _DELETES.setdefault(_variant, set()).add(_word)


def _one_slip(a: str, b: str) -> bool:
    """True when a and b differ by one edit (insert, delete, substitute or swap two letters)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=8192)
def strong_word(token: str) -> str | None:
    """The emotion a feeling word names, allowing one typing slip in words of six letters or
    more ("furios", "releived"); None for other words."""
    if token in _STRONG:
        return _STRONG[token]
    if len(token) < 5 or token in _NOT_SLIPS or not token.isalpha():
        return None
    candidates = set()
    for variant in _deletes(token) | {token}:
        candidates |= _DELETES.get(variant, set())
    for word in sorted(candidates):
        if _one_slip(token, word):
            return _STRONG[word]
    return None


_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def strong_labels(text: str) -> list[str]:
    """Emotions named by strong feeling words in the text, not negated ("not angry")."""
    tokens = _TOKEN.findall(t.normalise(text[:2000]))
    found: list[str] = []
    for i, token in enumerate(tokens):
        label = strong_word(token)
        if label is None or label in found:
            continue
        before = tokens[max(0, i - 3) : i]
        if any(w in _NEGATION or w.endswith("n't") for w in before):
            continue
        found.append(label)
    return found


def strong_features(texts: list[str]) -> FloatArray:
    """[n, 28] one where a strong feeling word names the label."""
    out = np.zeros((len(texts), len(GOEMOTIONS_LABELS)), dtype=np.float64)
    for i, text in enumerate(texts):
        for label in strong_labels(text):
            out[i, _INDEX[label]] = 1.0
    return out


_INDEX = {label: i for i, label in enumerate(GOEMOTIONS_LABELS)}
STRONG_FLOOR = 0.7
NEUTRAL_CAP = 0.3


def emotion_features(
    vectors: npt.NDArray[np.floating[Any]],
    max_vectors: npt.NDArray[np.floating[Any]],
    texts: list[str],
) -> FloatArray:
    """The emotions head's input: mean- and max-pooled embeddings beside VADER's four scores
    and the strong feeling words (strong_features)."""
    return np.hstack(
        [
            vectors.astype(np.float64),
            max_vectors.astype(np.float64),
            vader_features(texts),
            strong_features(texts),
        ]
    )


def emotion_probabilities(
    vectors: npt.NDArray[np.floating[Any]],
    max_vectors: npt.NDArray[np.floating[Any]],
    texts: list[str],
) -> FloatArray:
    """[n, 28] probabilities (label order GOEMOTIONS_LABELS) from precomputed embeddings.

    A strong feeling word that is not negated lifts its label to at least STRONG_FLOOR and
    holds neutral under NEUTRAL_CAP: "furious." is anger, whatever the head makes of it."""
    probs = sigmoid(logits("emotions", emotion_features(vectors, max_vectors, texts)))
    for i, text in enumerate(texts):
        labels = strong_labels(text)
        for label in labels:
            probs[i, _INDEX[label]] = max(probs[i, _INDEX[label]], STRONG_FLOOR)
        if labels:
            probs[i, _INDEX["neutral"]] = min(probs[i, _INDEX["neutral"]], NEUTRAL_CAP)
    return probs


def _result(probs: FloatArray) -> EmotionsResult:
    order = np.argsort(-probs, kind="stable")
    return EmotionsResult([(GOEMOTIONS_LABELS[i], round(float(probs[i]), 4)) for i in order])


def analyze_emotions_batch(texts: list[str]) -> list[EmotionsResult]:
    """Emotions for many texts, with one encoder call."""
    if not texts:
        return []
    mean, maximum = encode_pooled(list(texts))
    probs = emotion_probabilities(mean, maximum, list(texts))
    return [_result(row) for row in probs]


def analyze_emotions(text: str) -> EmotionsResult:
    """Emotions in `text`: every GoEmotions label with a probability, best first.

    A label counts as present at 0.5 or above (see EmotionsResult.present)."""
    return analyze_emotions_batch([text])[0]
