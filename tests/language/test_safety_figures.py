"""The safety screen's figures as floors, on our couple texts' test split and on the independent
eval set (scripts/language_data/couples/eval/, written by someone who never saw the training
texts and never trained or tuned on), so that a regression fails CI; and a few idioms and
indirect statements. The floors are what the committed head measures, less a small margin; the
targets of issue 10 (recall >= 0.95, >= 85% as a card, cards <= 5% and quiet lines <= 15% of
everyday texts) are in docs/language.md beside the figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attunement.language import analyze_safety, analyze_safety_batch
from attunement.language.safety import LEVELS

COUPLES = Path(__file__).resolve().parents[2] / "scripts" / "language_data" / "couples"


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _test_split() -> list[dict[str, object]]:
    import sys

    sys.path.insert(0, str(COUPLES.parents[1]))
    from language_data.splits import split_of

    files = sorted(COUPLES.glob("safety_risk*.jsonl")) + sorted(
        COUPLES.glob("safety_everyday*.jsonl")
    )
    rows = [row for path in files for row in _rows(path)]
    return [r for r in rows if split_of(str(r["text"])) == "test"]


def _figures(rows: list[dict[str, object]]) -> dict[str, float]:
    res = analyze_safety_batch([str(r["text"]) for r in rows])
    risky = [x for r, x in zip(rows, res, strict=True) if r["risk"] != "none"]
    kinds = [r["risk"] == x.risk for r, x in zip(rows, res, strict=True) if r["risk"] != "none"]
    everyday = [
        x for r, x in zip(rows, res, strict=True) if r["risk"] == "none" and r.get("hard", True)
    ]
    return {
        "recall": sum(x.level != "none" for x in risky) / len(risky),
        "clear": sum(x.level == "clear" for x in risky) / len(risky),
        "kind": sum(kinds) / len(kinds),
        "card": sum(x.level == "clear" for x in everyday) / len(everyday),
        "quiet": sum(x.level == "possible" for x in everyday) / len(everyday),
    }


# (recall at least, card share of risk texts at least, kind right at least,
#  everyday cards at most, everyday quiet lines at most)
FLOORS = {
    "test": (0.95, 0.80, 0.86, 0.04, 0.13),
    "eval": (0.94, 0.85, 0.88, 0.05, 0.14),
}


@pytest.mark.parametrize("which", ["test", "eval"])
def test_safety_figures_hold(which: str) -> None:
    rows = _test_split() if which == "test" else _rows(COUPLES / "eval" / "safety_eval.jsonl")
    got = _figures(rows)
    recall, clear, kind, card, quiet = FLOORS[which]
    assert got["recall"] >= recall, got
    assert got["clear"] >= clear, got
    assert got["kind"] >= kind, got
    assert got["card"] <= card, got
    assert got["quiet"] <= quiet, got


@pytest.mark.parametrize(
    "text",
    [
        "This commute is killing me, stuck outside the station again.",
        "I'd kill for a decent coffee right now.",
        "I nearly died laughing at your mum's story about the goat.",
        "My phone is dead, call me on the landline.",
        "You absolutely killed it at the presentation!",
        "I'm dying to see you on Friday.",
    ],
)
def test_idioms_with_kill_or_die_get_no_card(text: str) -> None:
    result = analyze_safety(text)
    assert result.level != "clear", (text, result)


@pytest.mark.parametrize(
    "text",
    [
        "I've written letters for everyone and put them in the drawer.",
        "You'd all have an easier life if I wasn't around anymore.",
        "He makes me send him a photo every hour so he knows where I am.",
        "She said if I leave she'll make sure I never see the kids again.",
        "When he's been drinking I lock myself in the bathroom until he sleeps.",
        "Sometimes I get so angry I have to leave the room before I do something to her.",
    ],
)
def test_indirect_risk_without_trigger_words_is_noticed(text: str) -> None:
    result = analyze_safety(text)
    assert result.level != "none", (text, result)
    assert result.risk != "none"


def test_the_level_and_the_kind_agree() -> None:
    for text in ("We had a lovely walk.", "I don't want to be alive anymore."):
        result = analyze_safety(text)
        assert result.level in LEVELS
        assert (result.risk == "none") == (result.level == "none")
