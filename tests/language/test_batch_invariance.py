"""Same text, same result: a text's analysis does not depend on what is analysed with it.

The encoder is fp32 (no activation scales chosen per batch) and texts are never padded, so a
text gets the same vector alone, in any batch, beside any longer text.
"""

from __future__ import annotations

import dataclasses
import io
import json
import math
import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attunement.language import (
    analyze_conflict_batch,
    analyze_emotions_batch,
    analyze_empathy_batch,
    analyze_listening_batch,
    analyze_safety_batch,
    cli,
    encoder,
)

TOLERANCE = 1e-6


@pytest.fixture(autouse=True)
def no_vector_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The encoder's cache would hand back the vector a text got before: these tests must see
    each text encoded afresh, alone and in every batch."""
    monkeypatch.setattr(encoder, "_CACHE_SIZE", 0)
    encoder._cache.clear()
    monkeypatch.setenv("ATTUNEMENT_LANGUAGE_CACHE", "0")  # for the command in its own process


# Varied on purpose: short, terse, long, typos, emoji, non-native English, risky and everyday.
TEXTS = [
    "ok",
    "hmm",
    "Fine.",
    "whatever 🙄",
    "i wanna die lol 😭😭",
    "You nevr lisen to me!!! u always on ur phone",
    "I feel unheard when you look at your phone while I'm talking.",
    "It sounds like you had a really long day and you're worn out.",
    "What would make this weekend feel restful for you?",
    "Why don't we just go to bed early tonight?",
    "I don't want to be here anymore, everyone would be better off without me.",
    "He checks my phone every night and won't let me see my friends.",
    "This movie killed me, I was dying of laughter 😂",
    "Me and my wife we are fighting much about money since the baby come.",
    "My boyfriend said thank you for the flowers ❤️ made my whole week",
    "I'm furious. Absolutely furious. You promised.",
    "Thanks for cooking, it was so good.",
    "We laughed so hard at dinner last night, it felt like old times again. " * 12,
    "I have been thinking about everything that happened since we moved, the long evenings "
    "alone, the calls to my mother that you never ask about, the weekends you spend at the "
    "office, and I am tired, so tired, and I don't know how to tell you without it becoming "
    "another fight. Can we talk on Sunday, just the two of us, no phones? " * 3,
]

SETTINGS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_same(a: object, b: object, where: str = "") -> None:
    """Equal, with floats allowed to differ by TOLERANCE."""
    if dataclasses.is_dataclass(a) and not isinstance(a, type):
        assert type(a) is type(b), where
        for f in dataclasses.fields(a):
            assert_same(getattr(a, f.name), getattr(b, f.name), f"{where}.{f.name}")
    elif isinstance(a, float) and isinstance(b, float):
        assert math.isclose(a, b, rel_tol=0.0, abs_tol=TOLERANCE), (where, a, b)
    elif isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, (where, a, b)


def check_each_alone(
    analyze: Callable[[list[object]], Sequence[object]], items: list[object]
) -> None:
    together = analyze(items)
    for item, result in zip(items, together, strict=True):
        assert_same(analyze([item])[0], result, repr(item)[:60])


indices = st.lists(st.integers(0, len(TEXTS) - 1), min_size=1, max_size=12)


@SETTINGS
@given(indices)
def test_emotions_conflict_and_safety_do_not_depend_on_the_batch(picked: list[int]) -> None:
    texts = [TEXTS[i] for i in picked]
    for analyze in (analyze_emotions_batch, analyze_conflict_batch, analyze_safety_batch):
        check_each_alone(analyze, texts)  # type: ignore[arg-type]


@SETTINGS
@given(
    st.lists(
        st.tuples(st.integers(0, len(TEXTS) - 1), st.integers(0, len(TEXTS) - 1)),
        min_size=1,
        max_size=8,
    )
)
def test_listening_and_empathy_do_not_depend_on_the_batch(picked: list[tuple[int, int]]) -> None:
    pairs = [(TEXTS[i], TEXTS[j]) for i, j in picked]
    for analyze in (analyze_listening_batch, analyze_empathy_batch):
        check_each_alone(analyze, pairs)  # type: ignore[arg-type]


def test_a_short_text_beside_much_longer_ones_is_unchanged() -> None:
    short = "I miss you."
    long_texts = [TEXTS[-1], TEXTS[-2], "word " * 400]
    for analyze in (analyze_emotions_batch, analyze_conflict_batch, analyze_safety_batch):
        alone = analyze([short])[0]  # type: ignore[operator]
        for n in (1, 6):
            assert_same(alone, analyze(long_texts * n + [short])[-1])  # type: ignore[operator]


def run_cli(kind: str, lines: list[str]) -> list[str]:
    out = io.StringIO()
    assert cli.run(kind, io.BytesIO(("\n".join(lines) + "\n").encode()), out) == 0
    return out.getvalue().splitlines()


def test_the_command_gives_a_line_the_same_answer_alone_and_in_a_batch() -> None:
    lines = [json.dumps({"text": t}) for t in TEXTS]
    for kind in ("emotions", "conflict", "safety"):
        together = run_cli(kind, lines)
        for line, answer in zip(lines, together, strict=True):
            assert run_cli(kind, [line]) == [answer], (kind, line[:60])
    pairs = [json.dumps({"statement": TEXTS[-1], "reply": t}) for t in TEXTS]
    together = run_cli("listening", pairs)
    for line, answer in zip(pairs, together, strict=True):
        assert run_cli("listening", [line]) == [answer], line[:60]


def test_the_installed_command_agrees_with_itself_across_batches() -> None:
    """`python -m attunement.language` (what `attunement analyze` runs) in a real process."""
    lines = [json.dumps({"text": t}) for t in TEXTS]

    def command(stdin: list[str]) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "attunement.language", "safety"],
            input=("\n".join(stdin) + "\n").encode(),
            capture_output=True,
            timeout=120,
            check=True,
        )
        return done.stdout.decode().splitlines()

    together = command(lines)
    for i in (0, 4, len(lines) - 1):
        assert command([lines[i]]) == [together[i]]
