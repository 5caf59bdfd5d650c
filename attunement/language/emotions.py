"""Emotions in a text over the 27 GoEmotions categories plus neutral (Demszky et al. 2020)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

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


def emotion_features(
    vectors: npt.NDArray[np.floating[Any]],
    max_vectors: npt.NDArray[np.floating[Any]],
    texts: list[str],
) -> FloatArray:
    """The emotions head's input: mean- and max-pooled embeddings beside VADER's four scores."""
    return np.hstack(
        [vectors.astype(np.float64), max_vectors.astype(np.float64), vader_features(texts)]
    )


def emotion_probabilities(
    vectors: npt.NDArray[np.floating[Any]],
    max_vectors: npt.NDArray[np.floating[Any]],
    texts: list[str],
) -> FloatArray:
    """[n, 28] probabilities (label order GOEMOTIONS_LABELS) from precomputed embeddings."""
    return sigmoid(logits("emotions", emotion_features(vectors, max_vectors, texts)))


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
