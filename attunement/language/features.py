"""Feature helpers shared by the analyzers and by scripts/train_language.py."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

_lock = threading.Lock()
_vader: Any = None


def _get_vader() -> Any:
    global _vader
    vader = _vader
    if vader is None:
        with _lock:
            if _vader is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _vader = SentimentIntensityAnalyzer()
            vader = _vader
    return vader


def vader_features(texts: list[str]) -> FloatArray:
    """[negative, neutral, positive, compound] per text from the VADER lexicon."""
    vader = _get_vader()
    out = np.zeros((len(texts), 4), dtype=np.float64)
    for i, text in enumerate(texts):
        scores = vader.polarity_scores(text[:5000])
        out[i] = (scores["neg"], scores["neu"], scores["pos"], scores["compound"])
    return out
