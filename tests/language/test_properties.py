"""No input crashes an analyzer, and every output stays inside the contract."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.language import (
    GOEMOTIONS_LABELS,
    analyze_conflict_batch,
    analyze_emotions_batch,
    analyze_empathy_batch,
    analyze_listening_batch,
    analyze_safety_batch,
)

texts = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(
        ["", " ", "?", "...", "\n\n", "I", "you", "but", "?!?!", "\u200b", "\U0001f644"]
    ),
    st.lists(
        st.sampled_from(["I", "you", "never", "not", "feel", "sad", "?", "but", "kill"]),
        max_size=30,
    ).map(" ".join),
)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def unit(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x) and 0.0 <= x <= 1.0


@SETTINGS
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4))
def test_listening_never_crashes(pairs: list[tuple[str, str]]) -> None:
    for result in analyze_listening_batch(pairs):
        data = result.as_dict()
        assert data["act"] in ("reflection", "question", "other")
        assert (data["question"] is None) == (data["act"] != "question")
        assert data["question"] in (None, "open", "closed")
        assert unit(result.fidelity)
        assert isinstance(result.advice, bool) and isinstance(result.judgment, bool)
        assert 1 <= len(result.tips) <= 2


@SETTINGS
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=4))
def test_empathy_never_crashes(pairs: list[tuple[str, str]]) -> None:
    for result in analyze_empathy_batch(pairs):
        assert set(result.as_dict().values()) <= {0, 1, 2}


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4))
def test_emotions_never_crash(batch: list[str]) -> None:
    for result in analyze_emotions_batch(batch):
        assert sorted(label for label, _ in result.emotions) == sorted(GOEMOTIONS_LABELS)
        assert all(unit(score) for _, score in result.emotions)
        assert result.present


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4))
def test_conflict_never_crashes(batch: list[str]) -> None:
    for result in analyze_conflict_batch(batch):
        data = result.as_dict()
        for name in ("criticism", "contempt", "defensiveness", "stonewalling"):
            assert unit(data[name])  # type: ignore[arg-type]
        assert len(result.gentle_rewrite_tips) <= 2


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=4))
def test_safety_never_crashes(batch: list[str]) -> None:
    results = analyze_safety_batch(batch)
    assert len(results) == len(batch)
    for result in results:
        assert result.risk in ("none", "self_harm", "harm_to_others", "abuse")
        assert unit(result.score)
        assert result.at_risk == (result.risk != "none")


def test_batches_keep_order_and_length() -> None:
    batch = ["I'm so happy for you!", "He hits me.", "The bus is late."]
    assert analyze_emotions_batch(batch)[0].emotions[0][0] in ("joy", "excitement", "admiration")
    assert [r.risk for r in analyze_safety_batch(batch)] == ["none", "abuse", "none"]
    assert analyze_safety_batch([]) == []


def test_analyzers_can_be_called_from_many_threads_at_once() -> None:
    from concurrent.futures import ThreadPoolExecutor

    from attunement.language import analyze_listening, analyze_safety

    def work(i: int) -> tuple[str, str]:
        listened = analyze_listening(f"I'm tired after day {i}.", f"You're tired after day {i}.")
        return listened.act, analyze_safety(f"He hits me, day {i}.").risk

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(work, range(24)))
    assert results == [("reflection", "abuse")] * 24
