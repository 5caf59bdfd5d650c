"""Sentence embeddings from all-MiniLM-L6-v2, exported to ONNX (fp32).

A text's vector depends on that text alone: the model is fp32 (no activation scales chosen per
batch, as int8 dynamic quantization did) and texts are never padded (texts of the same token
length run together), so the same text gets the same vector, bit for bit, alone or in any batch.

The model files live in ``models/`` beside this module and are checked against a sha256 pin
when they are loaded. Nothing is ever downloaded: if a file is missing or altered, loading fails
with a clear error.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_FILE = MODELS_DIR / "all-MiniLM-L6-v2-fp32.onnx"
TOKENIZER_FILE = MODELS_DIR / "tokenizer.json"
SUMS_FILE = MODELS_DIR / "SHA256SUMS.txt"

MAX_TOKENS = 256
EMBEDDING_DIM = 384
# Texts of one token length are encoded in slices of this many (never padded).
BATCH_SIZE = 32

FloatArray = npt.NDArray[np.float32]


class ModelFileError(RuntimeError):
    """A model file is missing or does not match its pinned sha256."""


def read_pins() -> dict[str, str]:
    """Return {file name: sha256} from models/SHA256SUMS.txt."""
    pins: dict[str, str] = {}
    for line in SUMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        digest, name = line.split(maxsplit=1)
        pins[name.lstrip("*")] = digest.lower()
    return pins


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path) -> None:
    """Raise ModelFileError unless `path` exists and matches its pin."""
    if not path.is_file():
        raise ModelFileError(f"model file missing: {path.name}")
    pin = read_pins().get(path.name)
    if pin is None:
        raise ModelFileError(f"no sha256 pin for {path.name} in {SUMS_FILE.name}")
    actual = sha256_of(path)
    if actual != pin:
        raise ModelFileError(f"{path.name} does not match its sha256 pin ({actual} != {pin})")


def _thread_count() -> int:
    configured = os.environ.get("ATTUNEMENT_LANGUAGE_THREADS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Encoder:
    """A loaded tokenizer and ONNX session. Safe to share between threads."""

    session: Any
    tokenizer: Any
    input_names: tuple[str, ...]

    def encode(self, texts: list[str]) -> FloatArray:
        """Return one L2-normalised 384-d vector per text (float32, shape [n, 384])."""
        return self.encode_pooled(texts, with_max=False)[0]

    def encode_pooled(
        self, texts: list[str], with_max: bool = True
    ) -> tuple[FloatArray, FloatArray]:
        """Mean-pooled vectors (the sentence embedding) and, if asked, max-pooled ones too
        (token-wise maximum over the text, L2-normalised; the emotions head reads both).
        Without `with_max` the second array is empty."""
        mean_out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        max_out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        missing = _from_cache(texts, mean_out, max_out)
        if missing:
            # A text that comes more than once in the call (the statement under each of its
            # replies) is encoded once; its vector never depends on the others, so the copies
            # are exactly what encoding each would give.
            where: dict[str, list[int]] = {}
            for i in missing:
                where.setdefault(texts[i], []).append(i)
            firsts = [rows[0] for rows in where.values()]
            self._encode_into(list(where), firsts, mean_out, max_out)
            for rows in where.values():
                if len(rows) > 1:
                    mean_out[rows[1:]] = mean_out[rows[0]]
                    max_out[rows[1:]] = max_out[rows[0]]
            _to_cache(list(where), mean_out[firsts], max_out[firsts])
        return mean_out, (max_out if with_max else max_out[:0])

    def _encode_into(
        self, texts: list[str], rows: list[int], mean_out: FloatArray, max_out: FloatArray
    ) -> None:
        """Encode `texts` into `rows` of the output arrays."""
        encodings = self.tokenizer.encode_batch(texts)
        # Texts of the same token length run together, so no text is ever padded: a text's
        # vector is computed from its own tokens only, whatever else is in the batch.
        by_length: dict[int, list[int]] = {}
        for i, enc in enumerate(encodings):
            by_length.setdefault(len(enc.ids), []).append(i)
        for width in sorted(by_length):
            group = by_length[width]
            for start in range(0, len(group), BATCH_SIZE):
                chunk = group[start : start + BATCH_SIZE]
                ids = np.array([encodings[i].ids for i in chunk], dtype=np.int64)
                feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
                if "token_type_ids" in self.input_names:
                    feeds["token_type_ids"] = np.zeros_like(ids)
                hidden = np.asarray(self.session.run(None, feeds)[0], dtype=np.float32)
                targets = [rows[i] for i in chunk]
                mean_out[targets] = _normalised(hidden.mean(axis=1))
                max_out[targets] = _normalised(hidden.max(axis=1))


# Recently encoded texts, so that a text met again (the speaker's statement under every draft
# reflection, a catalogue checked twice) is not encoded again. A text's vectors never depend
# on its batch, so a cached vector is exactly what encoding would give. Bounded: about 3 kB a
# text. ATTUNEMENT_LANGUAGE_CACHE=0 turns it off (the benchmarks time the encoder itself).
_CACHE_SIZE = int(os.environ.get("ATTUNEMENT_LANGUAGE_CACHE", "4096") or 0)
_cache: OrderedDict[str, tuple[FloatArray, FloatArray]] = OrderedDict()
_cache_lock = threading.Lock()


def _from_cache(texts: list[str], mean_out: FloatArray, max_out: FloatArray) -> list[int]:
    """Fill the rows of cached texts; return the indexes still to encode."""
    missing: list[int] = []
    with _cache_lock:
        for i, text in enumerate(texts):
            hit = _cache.get(text) if _CACHE_SIZE else None
            if hit is None:
                missing.append(i)
            else:
                _cache.move_to_end(text)
                mean_out[i], max_out[i] = hit
    return missing


def _to_cache(texts: list[str], means: FloatArray, maxes: FloatArray) -> None:
    if not _CACHE_SIZE:
        return
    with _cache_lock:
        for text, mean, top in zip(texts, means, maxes, strict=True):
            _cache[text] = (mean.copy(), top.copy())
            _cache.move_to_end(text)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)


def _normalised(x: FloatArray) -> FloatArray:
    norms = np.clip(np.linalg.norm(x, axis=1, keepdims=True), 1e-12, None)
    out: FloatArray = (x / norms).astype(np.float32)
    return out


_lock = threading.Lock()
_encoder: Encoder | None = None


def load_encoder() -> Encoder:
    """Build a new Encoder from the pinned files (slow path; use get_encoder())."""
    import onnxruntime
    from tokenizers import Tokenizer

    verify_file(MODEL_FILE)
    verify_file(TOKENIZER_FILE)
    tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = _thread_count()
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(
        str(MODEL_FILE), sess_options=options, providers=["CPUExecutionProvider"]
    )
    names = tuple(i.name for i in session.get_inputs())
    return Encoder(session=session, tokenizer=tokenizer, input_names=names)


def get_encoder() -> Encoder:
    """Return the process-wide Encoder, loading it on first use (thread-safe)."""
    global _encoder
    encoder = _encoder
    if encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = load_encoder()
            encoder = _encoder
    return encoder


def encode(texts: list[str]) -> FloatArray:
    """Embed texts with the shared encoder."""
    return get_encoder().encode(texts)


def encode_pooled(texts: list[str]) -> tuple[FloatArray, FloatArray]:
    """Mean- and max-pooled vectors with the shared encoder (see Encoder.encode_pooled)."""
    return get_encoder().encode_pooled(texts)
