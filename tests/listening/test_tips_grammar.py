"""Every tip the listening feedback can give, over all our couple pairs, is a whole sentence.

Runs the engine and attunement.listening.feedback on every statement-reply pair in
scripts/language_data/couples/listening_pairs.jsonl (both splits: this checks wording, not
accuracy) and checks each tip against simple patterns of broken output: internal feeling tokens
("end-of-rope", "left-out"), a bare "feeling fed", nouns after "feeling" ("feeling anxiety"),
doubled words, unbalanced quotes, a missing capital or final stop.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from attunement.language import analyze_listening_batch
from attunement.language import text as t
from attunement.listening.feedback import card_for, reflection_feedback

PAIRS = (
    Path(__file__).resolve().parents[2]
    / "scripts"
    / "language_data"
    / "couples"
    / "listening_pairs.jsonl"
)
TOKENS = [k for k in t.FEELING_READABLE if "-" in k and k != "nerve-wracking"]
BROKEN = [
    re.compile(r"\bfeeling fed\b(?! up)"),
    re.compile(
        r"\bfeeling (?:anxiety|grief|fear|stress|panic|sadness|anger|joy|worry|worries|"
        r"cry|dread|resentment)\b"
    ),
    re.compile(r"\b(\w+) \1\b"),
    re.compile(r"\s[,.;:]"),
    re.compile(r"\s{2,}"),
    re.compile(r"\bfeeling (?:at the end of my|like i|my)\b"),
    re.compile(r"\b(?:they|their)\b[^\u201c]*\byour rope\b"),
]


def _check(tip: str) -> None:
    assert tip[:1].isupper(), tip
    assert tip.rstrip().endswith((".", "\u201d", "?", "!")), tip
    assert tip.count("\u201c") == tip.count("\u201d"), tip
    for token in TOKENS:
        assert token not in tip, (token, tip)
    for pattern in BROKEN:
        assert not pattern.search(tip), (pattern.pattern, tip)


def _pairs() -> list[tuple[str, str]]:
    rows = [json.loads(x) for x in PAIRS.read_text(encoding="utf-8").splitlines() if x.strip()]
    return [(str(r["statement"]), str(r["reply"])) for r in rows]


def test_every_engine_tip_over_all_pairs_is_grammatical() -> None:
    pairs = _pairs()
    assert len(pairs) >= 900
    seen = 0
    for result in analyze_listening_batch(pairs):
        for tip in result.tips:
            _check(tip)
            seen += 1
    assert seen >= len(pairs)


def test_every_feedback_card_over_all_pairs_reads_cleanly() -> None:
    pairs = _pairs()
    results = analyze_listening_batch(pairs)  # one batch: the same results as one by one
    for (statement, reply), result in zip(pairs, results, strict=True):
        card = card_for(statement, reply, result)
        _check(card.tip)
        _check(card.act_note)
        for feeling in card.feelings_named + card.feelings_caught:
            assert feeling and "-" not in feeling.replace("grief-stricken", ""), feeling
            assert feeling.split()[0] not in {"end", "had"}, feeling
            assert not feeling.startswith("fed") or feeling == "fed up", feeling


def test_the_issues_broken_tips_now_read_as_sentences() -> None:
    for statement, reply, feeling in [
        (
            "I'm fed up with doing every school run.",
            "You do every school run.",
            "fed up",
        ),
        (
            "I'm at the end of my rope with the night feeds.",
            "You're doing the night feeds.",
            "at the end of your rope",
        ),
        ("I felt left out at your work party.", "It was at my work party.", "left out"),
    ]:
        card = reflection_feedback(statement, reply)
        assert f"left you feeling {feeling}." in card.tip, (statement, card.tip)
