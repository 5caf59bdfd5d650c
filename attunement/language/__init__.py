"""Text analysis for Attunement: plain Python, no Django, no network.

Every analyzer is a pure function returning a small frozen dataclass with ``as_dict()`` (the
JSON fields of `attunement analyze KIND`), plus a ``*_batch`` variant that embeds all texts in
one encoder call. The sentence encoder (all-MiniLM-L6-v2, fp32 ONNX) loads lazily, once per
process; call ``warm_up()`` at start-up to pay that cost early.
"""

from __future__ import annotations

from .conflict import ConflictResult, analyze_conflict, analyze_conflict_batch
from .emotions import GOEMOTIONS_LABELS, EmotionsResult, analyze_emotions, analyze_emotions_batch
from .empathy import EmpathyResult, analyze_empathy, analyze_empathy_batch
from .listening import ListeningResult, analyze_listening, analyze_listening_batch
from .safety import SafetyResult, analyze_safety, analyze_safety_batch


def warm_up() -> None:
    """Load the encoder, the trained heads and the lexicons now rather than on first use."""
    from .encoder import encode
    from .features import vader_features
    from .heads import get_heads

    get_heads()
    encode(["warming up"])
    vader_features(["warming up"])


__all__ = [
    "GOEMOTIONS_LABELS",
    "ConflictResult",
    "EmotionsResult",
    "EmpathyResult",
    "ListeningResult",
    "SafetyResult",
    "analyze_conflict",
    "analyze_conflict_batch",
    "analyze_emotions",
    "analyze_emotions_batch",
    "analyze_empathy",
    "analyze_empathy_batch",
    "analyze_listening",
    "analyze_listening_batch",
    "analyze_safety",
    "analyze_safety_batch",
    "warm_up",
]
