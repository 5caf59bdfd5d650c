"""The committed encoder: pinned files, faithful vectors, one shared instance."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from attunement.language import encoder

MODELS = encoder.MODELS_DIR


def test_model_files_match_their_sha256_pins() -> None:
    pins = encoder.read_pins()
    assert set(pins) >= {encoder.MODEL_FILE.name, encoder.TOKENIZER_FILE.name}
    for name, digest in pins.items():
        assert encoder.sha256_of(MODELS / name) == digest


def test_a_tampered_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / encoder.TOKENIZER_FILE.name
    fake.write_text("{}", encoding="utf-8")
    with pytest.raises(encoder.ModelFileError, match="sha256"):
        encoder.verify_file(fake)
    with pytest.raises(encoder.ModelFileError, match="missing"):
        encoder.verify_file(tmp_path / "absent.onnx")


def test_vectors_match_the_torch_reference() -> None:
    with np.load(MODELS / "reference_vectors.npz", allow_pickle=False) as ref:
        sentences = [str(s) for s in ref["sentences"]]
        expected = ref["vectors"]
    got = encoder.encode(sentences)
    cosines = (got * expected).sum(axis=1)
    assert cosines.min() >= 0.9999, cosines


def test_vectors_are_unit_length_and_batch_independent() -> None:
    texts = ["I missed you today.", "The kettle is on.", "Can we talk tonight about the trip?"]
    batch = encoder.encode(texts)
    assert batch.shape == (3, encoder.EMBEDDING_DIM)
    np.testing.assert_allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-5)
    # a text's vector never depends on its neighbours, nor on being padded beside longer ones
    for i, text in enumerate(texts):
        assert np.array_equal(encoder.encode([text])[0], batch[i])
    longer = encoder.encode(["word " * 300, texts[0], "a much longer text " * 20])
    assert np.array_equal(longer[1], batch[0])


def test_long_text_is_truncated_not_refused() -> None:
    vectors = encoder.encode(["word " * 5000])
    assert np.isfinite(vectors).all()


def test_encoder_is_loaded_once_across_threads() -> None:
    seen: list[encoder.Encoder] = []
    threads = [
        threading.Thread(target=lambda: seen.append(encoder.get_encoder())) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(e) for e in seen}) == 1


def test_paraphrase_is_closer_than_an_unrelated_reply() -> None:
    a, b, c = encoder.encode(
        [
            "I feel unheard when you look at your phone while I talk.",
            "You feel ignored when I'm on my phone while you're talking.",
            "The weather is supposed to be nice tomorrow.",
        ]
    )
    assert float(a @ b) > float(a @ c) + 0.3


def test_a_text_met_again_comes_from_the_cache_and_equals_a_fresh_encoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from attunement.language import encoder as enc

    enc._cache.clear()
    monkeypatch.setattr(enc, "_CACHE_SIZE", 3)
    texts = ["I miss you.", "Long day, tea please.", "We laughed so much tonight."]
    first_mean, first_max = enc.get_encoder().encode_pooled(texts)
    assert list(enc._cache) == texts
    calls: list[list[str]] = []
    original = enc.Encoder._encode_into

    def counting(self: object, texts: list[str], *args: object) -> None:
        calls.append(texts)
        original(self, texts, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(enc.Encoder, "_encode_into", counting)
    again_mean, again_max = enc.get_encoder().encode_pooled([texts[1], "Something new."])
    assert calls == [["Something new."]]  # only the new text was encoded
    assert (again_mean[0] == first_mean[1]).all() and (again_max[0] == first_max[1]).all()
    assert len(enc._cache) == 3 and texts[0] not in enc._cache  # bounded, oldest out
    monkeypatch.setattr(enc, "_CACHE_SIZE", 0)
    fresh_mean, _ = enc.get_encoder().encode_pooled([texts[1]])
    assert (fresh_mean[0] == first_mean[1]).all()
