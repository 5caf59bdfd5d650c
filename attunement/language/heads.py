"""Trained classifier weights (plain arrays in models/heads.npz, never pickle)."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt

HEADS_FILE = Path(__file__).resolve().parent / "models" / "heads.npz"

FloatArray = npt.NDArray[np.float64]

_lock = threading.Lock()
_heads: dict[str, FloatArray] | None = None


def get_heads() -> dict[str, FloatArray]:
    """Return every stored array, keyed "<head>/<name>" (loaded once, thread-safe)."""
    global _heads
    heads = _heads
    if heads is None:
        with _lock:
            if _heads is None:
                with np.load(HEADS_FILE, allow_pickle=False) as data:
                    _heads = {key: np.asarray(data[key], dtype=np.float64) for key in data.files}
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
