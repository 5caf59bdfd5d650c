"""Scoring the emotional-style self-assessment: answers 1..7 in, one score per scale out.

A scale's score is the mean of its items' answers, each reverse-keyed item flipped first
(8 - answer), rounded to one decimal: 1.0 to 7.0, where 7 is the `high` end of the scale.
Every current item must be answered: a profile from part of the items is refused, not guessed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from attunement import content
from attunement.content.styles import ANSWER_MAX, ANSWER_MIN
from attunement.lib.errors import InvalidInput

# A score below LOW_BELOW reads as the low end, above HIGH_ABOVE as the high end; in between
# (both bounds included) as the middle.
LOW_BELOW, HIGH_ABOVE = 3.5, 4.5
# Two scores this far apart, or more, are a notable difference between partners.
NOTABLE_GAP = 1.5


@dataclass(frozen=True)
class Scale:
    id: str
    dimension: str
    title: str
    low: str
    high: str
    texts: dict[str, str]

    def explain(self, score: float) -> str:
        return self.texts[band(score)]


@dataclass(frozen=True)
class Dimension:
    id: str
    title: str
    intro: str
    items: tuple[dict[str, Any], ...]
    scales: tuple[Scale, ...]


def _doc() -> dict[str, Any]:
    return content.document("style_items")


@functools.cache
def scales() -> dict[str, Scale]:
    return {
        key: Scale(
            key,
            table["dimension"],
            table["title"],
            table["low"],
            table["high"],
            {b: table[f"{b}_text"] for b in ("low", "middle", "high")},
        )
        for key, table in _doc()["scales"].items()
    }


@functools.cache
def dimensions() -> tuple[Dimension, ...]:
    items = content.load("style_items")
    return tuple(
        Dimension(
            key,
            table["title"],
            table["intro"],
            tuple(i for i in items if i["dimension"] == key),
            tuple(s for s in scales().values() if s.dimension == key),
        )
        for key, table in _doc()["dimensions"].items()
    )


def dimension(key: str) -> Dimension | None:
    return next((d for d in dimensions() if d.id == key), None)


def answer_labels() -> dict[int, str]:
    return {int(k): v for k, v in _doc()["answers"].items()}


def scale_of(item: dict[str, Any]) -> str:
    return str(item.get("scale", item["dimension"]))


def valid_answer(value: object) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and ANSWER_MIN <= value <= ANSWER_MAX
    )


def check_answers(answers: dict[str, object]) -> dict[str, int]:
    """Answers to known items, each a whole number 1..7; anything else is refused."""
    known = {i["id"] for i in content.load("style_items")}
    checked: dict[str, int] = {}
    for item_id, value in answers.items():
        if item_id not in known:
            raise InvalidInput("Answer the statements on the page.")
        if not valid_answer(value):
            raise InvalidInput(f"Answers run from {ANSWER_MIN} to {ANSWER_MAX}.")
        checked[item_id] = int(value)  # type: ignore[call-overload]
    return checked


def missing(answers: dict[str, int]) -> list[dict[str, Any]]:
    """The current items without an answer, in order."""
    return [i for i in content.load("style_items") if i["id"] not in answers]


def score(answers: dict[str, object]) -> dict[str, float]:
    """One score per scale, 1.0..7.0, from answers to every current item (reverse keyed
    items flipped). Refuses missing, unknown or out-of-range answers with InvalidInput."""
    checked = check_answers(answers)
    if missing(checked):
        raise InvalidInput("Answer every statement first: your profile needs all of them.")
    sums: dict[str, list[int]] = {key: [] for key in scales()}
    for item in content.load("style_items"):
        value = checked[item["id"]]
        sums[scale_of(item)].append(
            ANSWER_MAX + ANSWER_MIN - value if item.get("reverse") else value
        )
    return {key: round(sum(values) / len(values), 1) for key, values in sums.items()}


def band(value: float) -> str:
    """ "low", "middle" or "high" for a score (or a guess) on the 1..7 scale."""
    if value < LOW_BELOW:
        return "low"
    if value > HIGH_ABOVE:
        return "high"
    return "middle"
