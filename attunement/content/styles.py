"""The emotional-style catalogues: `style_items` (the self-assessment) and `difference_cards`.

Plain Python, like the loader: the differences app scores answers with these, and
`attunement content check` validates them (the checkers below, called by the loader).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ANSWER_MIN, ANSWER_MAX = 1, 7
MIN_ITEMS_PER_DIMENSION = 5
MIN_ITEMS_PER_SCALE = 2
WHEN: tuple[str, ...] = ("apart", "both_high", "both_low")
SCALE_TEXTS = ("title", "low", "high", "low_text", "middle_text", "high_text")
MIN_IDEAS, MAX_IDEAS, IDEA_LIMIT = 2, 3, 200
PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")
KEY = re.compile(r"^[a-z][a-z_]*$")


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_item(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = [f"{where}: missing {f}" for f in ("dimension", "text") if not _filled(entry.get(f))]
    dimension = entry.get("dimension")
    dimensions: dict[str, Any] = context.get("dimensions", {})
    scales: dict[str, Any] = context.get("scales", {})
    if _filled(dimension) and dimension not in dimensions:
        errors.append(f"{where}: unknown dimension {dimension!r}")
    scale = entry.get("scale", dimension)
    if _filled(scale) and _filled(dimension):
        if scale not in scales:
            errors.append(f"{where}: unknown scale {scale!r}")
        elif scales[scale].get("dimension") != dimension:
            errors.append(f"{where}: scale {scale!r} belongs to another dimension")
    if "reverse" in entry and not isinstance(entry["reverse"], bool):
        errors.append(f"{where}: reverse should be true or false")
    return errors


def item_context(doc: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    """Check the top-level tables of style_items and hand the item checker what it needs."""
    answers = doc.get("answers")
    if not isinstance(answers, dict) or not answers:
        errors.append("style_items: missing [answers] table")
    else:
        for value, label in answers.items():
            if not value.isdigit() or not ANSWER_MIN <= int(value) <= ANSWER_MAX:
                errors.append(f"style_items: [answers] {value} is not on the 1..7 scale")
            if not _filled(label):
                errors.append(f"style_items: [answers] {value} has no label")
    dimensions = doc.get("dimensions")
    if not isinstance(dimensions, dict) or not dimensions:
        errors.append("style_items: missing [dimensions] tables")
        dimensions = {}
    for key, table in dimensions.items():
        if not KEY.match(key):
            errors.append(f"style_items: dimension id {key!r} should be lower_snake_case")
        for field in ("title", "intro"):
            if not isinstance(table, dict) or not _filled(table.get(field)):
                errors.append(f"style_items: dimension {key} has no {field}")
    scales = doc.get("scales")
    if not isinstance(scales, dict) or not scales:
        errors.append("style_items: missing [scales] tables")
        scales = {}
    for key, table in scales.items():
        if not isinstance(table, dict):
            errors.append(f"style_items: scale {key} is not a table")
            continue
        if table.get("dimension") not in dimensions:
            errors.append(f"style_items: scale {key} has an unknown dimension")
        for field in SCALE_TEXTS:
            if not _filled(table.get(field)):
                errors.append(f"style_items: scale {key} has no {field}")
    return {
        "dimensions": dimensions,
        "scales": {k: v for k, v in scales.items() if isinstance(v, dict)},
    }


def check_item_counts(doc: dict[str, Any], entries: list[Any]) -> list[str]:
    """Every dimension measured by enough items, every scale by at least two."""
    live = [e for e in entries if isinstance(e, dict) and not e.get("retired", False)]
    errors = []
    for key in doc.get("dimensions", {}) or {}:
        count = sum(1 for e in live if e.get("dimension") == key)
        if count < MIN_ITEMS_PER_DIMENSION:
            errors.append(
                f"style_items: dimension {key} has {count} items"
                f" (at least {MIN_ITEMS_PER_DIMENSION})"
            )
    for key, table in (doc.get("scales", {}) or {}).items():
        if not isinstance(table, dict):
            continue
        count = sum(1 for e in live if e.get("scale", e.get("dimension")) == key)
        if count < MIN_ITEMS_PER_SCALE:
            errors.append(f"style_items: scale {key} has {count} items (at least 2)")
    return errors


def check_card(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = [
        f"{where}: missing {f}"
        for f in ("scale", "when", "title", "text")
        if not _filled(entry.get(f))
    ]
    when = entry.get("when")
    if _filled(when) and when not in WHEN:
        errors.append(f"{where}: unknown when {when!r} (known: {', '.join(WHEN)})")
    allowed = {"high", "low"} if when == "apart" else set()
    for field in ("title", "text"):
        value = entry.get(field)
        if isinstance(value, str):
            for name in PLACEHOLDER.findall(value):
                if name not in allowed:
                    errors.append(f"{where}: {field} uses {{{name}}}, not known for {when}")
    ideas = entry.get("ideas")
    if not isinstance(ideas, list) or not MIN_IDEAS <= len(ideas) <= MAX_IDEAS:
        errors.append(f"{where}: ideas should be a list of {MIN_IDEAS} or {MAX_IDEAS} ideas")
    else:
        for idea in ideas:
            if not _filled(idea):
                errors.append(f"{where}: an idea is empty")
            elif len(idea) > IDEA_LIMIT:
                errors.append(f"{where}: an idea is {len(idea)} characters (limit {IDEA_LIMIT})")
            else:
                errors.extend(
                    f"{where}: an idea uses {{{name}}}, not known for {when}"
                    for name in PLACEHOLDER.findall(idea)
                    if name not in allowed
                )
    return errors


def check_cards_against_items(base: Path, load: Any) -> list[str]:
    """Every card names a scale of style_items, and each (scale, when) has one card at most."""
    try:
        items = load(base, "style_items")
        cards = load(base, "difference_cards").get("card", [])
    except Exception:  # a missing or broken file is reported on its own
        return []
    scales = items.get("scales", {}) or {}
    errors, seen = [], set()
    for card in cards:
        if not isinstance(card, dict) or card.get("retired", False):
            continue
        scale, when = card.get("scale"), card.get("when")
        if _filled(scale) and scale not in scales:
            errors.append(f"difference_cards: {card.get('id')}: unknown scale {scale!r}")
        if (scale, when) in seen:
            errors.append(f"difference_cards: {card.get('id')}: a second card for {scale} {when}")
        seen.add((scale, when))
    return errors
