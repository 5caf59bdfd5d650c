"""Trained classifier weights: plain arrays, one file per analyzer, never pickle.

    models/heads_emotions.npz    emotions/*
    models/heads_listening.npz   listening_act/*, listening_question/*
    models/heads_conflict.npz    conflict/*, contempt_proxy/*
    models/heads_safety.npz      safety/*

One file per analyzer, so that each can be retrained (scripts/train_language.py --only NAME)
without touching the others' weights. A missing file means that analyzer runs on its rules
alone (has_head() is False), as before any training.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt

MODELS_DIR = Path(__file__).resolve().parent / "models"
# analyzer -> the heads (key prefixes) its file holds
GROUPS: dict[str, tuple[str, ...]] = {
    "emotions": ("emotions",),
    "listening": ("listening_act", "listening_question"),
    "conflict": ("conflict", "contempt_proxy"),
    "safety": ("safety",),
}

FloatArray = npt.NDArray[np.float64]

_lock = threading.Lock()
_heads: dict[str, FloatArray] | None = None


def heads_file(group: str) -> Path:
    """The weights file of one analyzer (a key of GROUPS)."""
    return MODELS_DIR / f"heads_{group}.npz"


def group_of(key: str) -> str:
    """The analyzer whose file holds the array `key` ("<head>/<name>")."""
    head = key.split("/", 1)[0]
    for group, prefixes in GROUPS.items():
        if head in prefixes:
            return group
    raise KeyError(f"no heads file holds {key!r}")


def load_group(group: str) -> dict[str, FloatArray]:
    path = heads_file(group)
    if not path.is_file():
        return {}
    with np.load(path, allow_pickle=False) as data:
        arrays = {key: np.asarray(data[key], dtype=np.float64) for key in data.files}
    for key in arrays:
        if group_of(key) != group:
            raise ValueError(f"{path.name} holds {key!r}, which belongs to {group_of(key)}")
    return arrays


def get_heads() -> dict[str, FloatArray]:
    """Return every stored array, keyed "<head>/<name>" (loaded once, thread-safe)."""
    global _heads
    heads = _heads
    if heads is None:
        with _lock:
            if _heads is None:
                merged: dict[str, FloatArray] = {}
                for group in GROUPS:
                    merged.update(load_group(group))
                _heads = merged
            heads = _heads
    return heads


def has_head(name: str) -> bool:
    return f"{name}/W" in get_heads()


def sigmoid(x: FloatArray) -> FloatArray:
    out: FloatArray = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


def softmax(x: FloatArray) -> FloatArray:
    shifted = x - x.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    out: FloatArray = e / e.sum(axis=-1, keepdims=True)
    return out


def logits(name: str, features: FloatArray) -> FloatArray:
    """features @ W + b for the head `name`, with its stored feature scaling applied."""
    heads = get_heads()
    x = features
    mean = heads.get(f"{name}/mean")
    scale = heads.get(f"{name}/scale")
    if mean is not None and scale is not None:
        x = (x - mean) / scale
    out: FloatArray = x @ heads[f"{name}/W"] + heads[f"{name}/b"]
    hidden_w = heads.get(f"{name}/W2")
    if hidden_w is not None:
        # a one-hidden-layer head: W/b is the hidden layer, W2/b2 the output layer
        out = np.maximum(out, 0.0) @ hidden_w + heads[f"{name}/b2"]
    return out
