"""Load and validate the written catalogues in this folder.

Each catalogue is one TOML file, ``<name>.toml``, holding a list of entries under one array of
tables (``[[question]]``, ``[[topic]]``, ...) plus, for some, a few top-level tables
(``[themes]``, ``[scale]``, ``[screen]``). Entries carry stable ids: an id, once shipped, always
means the same entry, and a retired id is never reused (answers in the database point at it).

Plain Python on purpose: the app syncs these into the database, and ``attunement content check``
validates them without starting Django.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

from attunement.content import styles

DATA_DIR = Path(__file__).resolve().parent

CATALOGUES: tuple[str, ...] = (
    "questions",
    "conversation_topics",
    "safety_resources",
    "safety_screen",
    "style_items",
    "difference_cards",
    "partner_quiz",
)

# The array-of-tables key that holds each catalogue's entries.
ENTRY_KEYS: dict[str, str] = {
    "questions": "question",
    "conversation_topics": "topic",
    "safety_resources": "resource",
    "safety_screen": "item",
    "style_items": "item",
    "difference_cards": "card",
    "partner_quiz": "item",
}

DEPTHS: tuple[str, ...] = ("light", "personal", "deep")
LEVELS: tuple[str, ...] = ("light", "medium", "hard")
KINDS: tuple[str, ...] = ("crisis", "abuse", "support", "own_behaviour")
QUIZ_ANSWERS: tuple[str, ...] = ("choice", "text", "ranking")
INTERNATIONAL = "INTL"

# The safety screen's answer scale runs from 0 ("Never") to SCALE_MAX ("Often").
SCALE_MAX = 3

ID_PATTERNS: dict[str, re.Pattern[str]] = {
    "questions": re.compile(r"^q-\d{4}$"),
    "conversation_topics": re.compile(r"^t-\d{3}$"),
    "safety_resources": re.compile(r"^r-\d{3}$"),
    "safety_screen": re.compile(r"^s-\d{2}$"),
    "style_items": re.compile(r"^i-\d{2}$"),
    "difference_cards": re.compile(r"^d-\d{2}$"),
    "partner_quiz": re.compile(r"^pq-\d{3}$"),
}
THEME_ID = re.compile(r"^[a-z][a-z_]*$")
REGION = re.compile(r"^(INTL|[A-Z]{2})$")

# Longest allowed text per field, in characters.
LIMITS: dict[str, dict[str, int]] = {
    "questions": {"text": 200},
    "conversation_topics": {"title": 60, "prompt": 300},
    "safety_resources": {"name": 80, "description": 200, "hours": 60},
    "safety_screen": {"text": 160},
    "style_items": {"text": 120},
    "difference_cards": {"title": 60, "text": 240},
    "partner_quiz": {"text": 120},
}
SCREEN_TEXT_LIMIT = 600

# Two entries whose texts the bundled encoder places closer than this (cosine similarity of the
# normalised sentence vectors) are near-duplicates, and `check` refuses them. Chosen by measuring
# the catalogues (docs/content.md): the closest shipped pairs score 0.79 (topics) and 0.77
# (questions), a close rewording of a question about 0.93. It catches rewordings, not the same
# idea in other words: those stay a human review (`near_duplicates` lists the closest pairs).
NEAR_DUPLICATE_SIMILARITY = 0.85

# The field whose wording must not repeat within a catalogue.
UNIQUE_TEXT_FIELDS: dict[str, str] = {
    "questions": "text",
    "conversation_topics": "prompt",
    "safety_screen": "text",
    "style_items": "text",
    "partner_quiz": "text",
}


def _document_at(base: Path, name: str) -> dict[str, Any]:
    if name not in CATALOGUES:
        raise KeyError(name)
    with open(base / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


@functools.cache
def document(name: str) -> dict[str, Any]:
    """The whole parsed TOML file of one shipped catalogue (entries and top-level tables).

    Cached: treat the result as read-only.
    """
    return _document_at(DATA_DIR, name)


@functools.cache
def load(name: str) -> list[dict[str, Any]]:
    """The current entries of one shipped catalogue, in file order (retired ones left out).
    Raises KeyError for unknown names.

    Cached: treat the result as read-only.
    """
    return [entry for entry in load_all(name) if not entry.get("retired", False)]


@functools.cache
def load_all(name: str) -> list[dict[str, Any]]:
    """Every entry of one shipped catalogue, retired ones included (``retired = true``): what
    history needs, since served questions and past conversations point at their ids."""
    return list(document(name).get(ENTRY_KEYS[name], []))


@functools.cache
def _index(name: str) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in load_all(name)}


def get(name: str, id: str) -> dict[str, Any] | None:
    """The entry with this id in the named catalogue, or None. Retired entries still resolve
    (their ``retired`` field is true), so history that points at them keeps its words."""
    return _index(name).get(id)


def themes() -> dict[str, str]:
    """Question theme id -> display label, in file order."""
    return dict(document("questions").get("themes", {}))


def quiz_topics() -> dict[str, str]:
    """Partner-quiz topic id -> display label, in file order."""
    return dict(document("partner_quiz").get("topics", {}))


def resources_for(region: str | None) -> list[dict[str, Any]]:
    """Safety resources for a region (ISO country code): its own first, then the international
    ones, which apply everywhere. An unknown or empty region gets only the international ones."""
    region = (region or "").upper()
    resources = load("safety_resources")
    own = [r for r in resources if r["region"] == region and region != INTERNATIONAL]
    return own + [r for r in resources if r["region"] == INTERNATIONAL]


def screen_scale() -> dict[int, str]:
    """The safety screen's answer options: 0 -> "Never" ... 3 -> "Often"."""
    scale = document("safety_screen").get("scale", {})
    return {int(value): label for value, label in scale.items()}


def screen_texts() -> dict[str, str]:
    """The safety screen's intro, all_clear and at_risk messages."""
    return dict(document("safety_screen").get("screen", {}))


def screen_item_at_risk(item: dict[str, Any], answer: int) -> bool:
    """Whether one answer to one safety-screen item signals risk.

    Answers use the shared scale 0 "Never", 1 "Once or twice", 2 "Sometimes", 3 "Often".
    Each item has ``risk_at`` (1..3). For an ordinary item, which describes something harmful
    ("I have felt afraid of my partner"), the answer signals risk when ``answer >= risk_at``.
    A ``reverse = true`` item describes something healthy ("I feel free to disagree with my
    partner"), so its answer is flipped first: risk when ``3 - answer >= risk_at``, that is,
    when ``answer <= 3 - risk_at``. Answers outside 0..3 raise ValueError.
    """
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= SCALE_MAX:
        raise ValueError(f"answer must be an integer from 0 to {SCALE_MAX}, not {answer!r}")
    score = SCALE_MAX - answer if item.get("reverse", False) else answer
    risk_at: int = item["risk_at"]
    return score >= risk_at


def normalize_text(text: str) -> str:
    """Lower case, letters and digits only, single spaces: used to spot duplicate texts."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


# Validation --------------------------------------------------------------------------------


def check(base: Path | None = None) -> tuple[dict[str, int], list[str]]:
    """Validate every catalogue in ``base`` (default: the shipped ones).

    Returns the number of entries per catalogue and a list of human-readable errors (empty when
    all is well). A file that is missing or not valid TOML counts 0 entries and one error.
    """
    base = DATA_DIR if base is None else Path(base)
    counts: dict[str, int] = {}
    errors: list[str] = []
    for name in CATALOGUES:
        try:
            doc = _document_at(base, name)
        except FileNotFoundError:
            counts[name] = 0
            errors.append(f"{name}: file {name}.toml is missing")
            continue
        except tomllib.TOMLDecodeError as exc:
            counts[name] = 0
            errors.append(f"{name}: not valid TOML: {exc}")
            continue
        entries = doc.get(ENTRY_KEYS[name], [])
        if not isinstance(entries, list):
            entries = []
        counts[name] = sum(
            1 for e in entries if not (isinstance(e, dict) and e.get("retired", False))
        )
        errors.extend(_check_catalogue(name, doc, entries))
    errors.extend(styles.check_cards_against_items(base, _document_at))
    return counts, errors


def _check_catalogue(name: str, doc: dict[str, Any], entries: list[Any]) -> list[str]:
    errors: list[str] = []
    key = ENTRY_KEYS[name]
    if not entries:
        errors.append(f"{name}: no [[{key}]] entries")
    seen_ids: Counter[str] = Counter()
    seen_texts: dict[str, str] = {}
    checker = _ENTRY_CHECKERS[name]
    text_field = UNIQUE_TEXT_FIELDS.get(name)
    context = _context(name, doc, errors)
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            errors.append(f"{name}: entry {position} is not a table")
            continue
        entry_id = entry.get("id")
        where = f"{name}: {entry_id}" if _filled(entry_id) else f"{name}: entry {position}"
        if not _filled(entry_id) or not isinstance(entry_id, str):
            errors.append(f"{where}: missing id")
        else:
            seen_ids[entry_id] += 1
            if not ID_PATTERNS[name].match(entry_id):
                errors.append(f"{where}: id should look like {_id_example(name)}")
        errors.extend(checker(where, entry, context))
        for field, limit in LIMITS[name].items():
            value = entry.get(field)
            if isinstance(value, str) and len(value) > limit:
                errors.append(f"{where}: {field} is {len(value)} characters (limit {limit})")
        text = entry.get(text_field) if text_field else None
        if isinstance(text, str) and text.strip():
            norm = normalize_text(text)
            if norm in seen_texts:
                errors.append(f"{where}: same {text_field} as {seen_texts[norm]}")
            seen_texts.setdefault(norm, str(entry_id))
    for entry_id, count in sorted(seen_ids.items()):
        if count > 1:
            errors.append(f"{name}: id {entry_id} is used {count} times")
    if name == "safety_resources":
        errors.extend(_check_international(entries))
    if name == "style_items":
        errors.extend(styles.check_item_counts(doc, entries))
    errors.extend(_check_retired(name, entries, seen_ids))
    if text_field:
        errors.extend(_check_near_duplicates(name, text_field, entries))
    return errors


def _check_retired(name: str, entries: list[Any], ids: Counter[str]) -> list[str]:
    errors: list[str] = []
    for entry in entries:
        if not isinstance(entry, dict) or "retired" not in entry:
            continue
        where = f"{name}: {entry.get('id')}"
        if not isinstance(entry["retired"], bool):
            errors.append(f"{where}: retired should be true or false")
        replaced_by = entry.get("replaced_by")
        if replaced_by is not None and replaced_by not in ids:
            errors.append(f"{where}: replaced_by {replaced_by!r} is not an id in {name}")
    return errors


# Sentence vectors by text, so that repeated checks only encode what changed.
_vectors: dict[str, Any] = {}


def near_duplicates(texts: dict[str, str]) -> list[tuple[float, str, str]]:
    """(similarity, id, id) for every pair of texts, closest first, by the bundled encoder's
    cosine similarity (``attunement.language.encoder.encode``)."""
    import numpy as np

    from attunement.language.encoder import encode

    missing = [t for t in dict.fromkeys(texts.values()) if t not in _vectors]
    if missing:
        for text, vector in zip(missing, encode(missing), strict=True):
            _vectors[text] = vector
    ids = list(texts)
    if len(ids) < 2:
        return []
    matrix = np.stack([_vectors[texts[i]] for i in ids])
    matrix = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    sims = matrix @ matrix.T
    rows, cols = np.triu_indices(len(ids), k=1)
    order = np.argsort(-sims[rows, cols], kind="stable")
    return [(float(sims[rows[k], cols[k]]), ids[rows[k]], ids[cols[k]]) for k in order]


def _check_near_duplicates(name: str, field: str, entries: list[Any]) -> list[str]:
    # Retired entries are left out: a merged question is retired because it was a near-duplicate.
    texts = {
        str(e["id"]): e[field]
        for e in entries
        if isinstance(e, dict)
        and isinstance(e.get(field), str)
        and e[field].strip()
        and not e.get("retired", False)
    }
    errors = []
    for similarity, first, second in near_duplicates(texts):
        if similarity <= NEAR_DUPLICATE_SIMILARITY:
            break
        errors.append(
            f"{name}: {second}: {field} is too close to {first} (similarity {similarity:.2f},"
            f" limit {NEAR_DUPLICATE_SIMILARITY:.2f})"
        )
    return errors


def _context(name: str, doc: dict[str, Any], errors: list[str]) -> dict[str, Any]:
    if name == "questions":
        table = doc.get("themes")
        if not isinstance(table, dict) or not table:
            errors.append("questions: missing [themes] table")
            return {"themes": set()}
        for theme_id, label in table.items():
            if not THEME_ID.match(theme_id):
                errors.append(f"questions: theme id {theme_id!r} should be lower_snake_case")
            if not _filled(label) or not isinstance(label, str):
                errors.append(f"questions: theme {theme_id} has no label")
        return {"themes": set(table)}
    if name == "style_items":
        return styles.item_context(doc, errors)
    if name == "partner_quiz":
        table = doc.get("topics")
        if not isinstance(table, dict) or not table:
            errors.append("partner_quiz: missing [topics] table")
            return {"topics": set()}
        return {"topics": set(table)}
    if name == "safety_screen":
        scale = doc.get("scale")
        expected = {"0", "1", "2", "3"}
        if not isinstance(scale, dict) or set(scale) != expected:
            errors.append("safety_screen: [scale] must define exactly the answers 0, 1, 2 and 3")
        elif not all(_filled(label) and isinstance(label, str) for label in scale.values()):
            errors.append("safety_screen: every [scale] answer needs a label")
        screen = doc.get("screen")
        if not isinstance(screen, dict):
            errors.append("safety_screen: missing [screen] table")
        else:
            for field in ("intro", "all_clear", "at_risk"):
                value = screen.get(field)
                if not _filled(value) or not isinstance(value, str):
                    errors.append(f"safety_screen: [screen] {field} is missing")
                elif len(value) > SCREEN_TEXT_LIMIT:
                    errors.append(
                        f"safety_screen: [screen] {field} is {len(value)} characters"
                        f" (limit {SCREEN_TEXT_LIMIT})"
                    )
    return {}


def _check_question(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = _required(where, entry, ("depth", "theme", "text"))
    errors += _enum(where, entry, "depth", DEPTHS)
    theme = entry.get("theme")
    if _filled(theme) and theme not in context["themes"]:
        errors.append(f"{where}: unknown theme {theme!r}")
    return errors


def _check_topic(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = _required(where, entry, ("level", "title", "prompt"))
    errors += _enum(where, entry, "level", LEVELS)
    return errors


def _check_resource(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = _required(where, entry, ("region", "kinds", "name", "description"))
    region = entry.get("region")
    if _filled(region) and (not isinstance(region, str) or not REGION.match(region)):
        errors.append(f"{where}: region {region!r} should be a two-letter country code or INTL")
    kinds = entry.get("kinds")
    if _filled(kinds):
        if not isinstance(kinds, list):
            errors.append(f"{where}: kinds should be a list")
        else:
            for kind in kinds:
                if kind not in KINDS:
                    errors.append(f"{where}: unknown kind {kind!r} (known: {', '.join(KINDS)})")
            if len(set(kinds)) != len(kinds):
                errors.append(f"{where}: kinds has a repeated value")
    for field in ("phone", "sms", "url", "hours"):
        if field in entry and (not isinstance(entry[field], str) or not entry[field].strip()):
            errors.append(f"{where}: {field}, when given, should be non-empty text")
    url = entry.get("url")
    if isinstance(url, str) and url.strip() and not url.startswith("https://"):
        errors.append(f"{where}: url should start with https://")
    # Helplines are safety information: every entry says where it was checked, and when.
    source = entry.get("source")
    if not _filled(source):
        errors.append(f"{where}: missing source (the address of the service's own page)")
    elif not isinstance(source, str) or not source.startswith("https://"):
        errors.append(f"{where}: source should start with https://")
    checked_on = entry.get("checked_on")
    if not _filled(checked_on):
        errors.append(f"{where}: missing checked_on (the date the details were checked)")
    elif not isinstance(checked_on, datetime.date) or isinstance(checked_on, datetime.datetime):
        errors.append(f"{where}: checked_on should be a date, like 2026-12-01")
    if "verified" in entry and not isinstance(entry["verified"], bool):
        errors.append(f"{where}: verified should be true or false")
    if "doubt" in entry and (entry.get("verified") is not False or not _filled(entry["doubt"])):
        errors.append(f"{where}: doubt is a short reason shown to people, for unverified entries")
    return errors


def _check_screen_item(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    errors = _required(where, entry, ("text", "risk_at"))
    risk_at = entry.get("risk_at")
    if "risk_at" in entry and (
        isinstance(risk_at, bool) or not isinstance(risk_at, int) or not 1 <= risk_at <= SCALE_MAX
    ):
        errors.append(f"{where}: risk_at should be a whole number from 1 to {SCALE_MAX}")
    if "reverse" in entry and not isinstance(entry["reverse"], bool):
        errors.append(f"{where}: reverse should be true or false")
    return errors


def _check_quiz_item(where: str, entry: dict[str, Any], context: dict[str, Any]) -> list[str]:
    """A partner-quiz item: a topic, how it is answered, and the options a choice or a ranking
    offers (2-6 to choose from, 3-5 to put in order). `current = true` marks an item about
    this week, whose answers expire."""
    errors = _required(where, entry, ("topic", "answer", "text"))
    errors += _enum(where, entry, "answer", QUIZ_ANSWERS)
    topic = entry.get("topic")
    if _filled(topic) and topic not in context["topics"]:
        errors.append(f"{where}: unknown topic {topic!r}")
    kind, options = entry.get("answer"), entry.get("options")
    sizes = {"choice": (2, 6), "ranking": (3, 5)}
    if kind in sizes:
        low, high = sizes[kind]
        if (
            not isinstance(options, list)
            or not low <= len(options) <= high
            or not all(isinstance(o, str) and o.strip() for o in options)
        ):
            errors.append(f"{where}: a {kind} needs {low} to {high} options")
        elif len({o.strip().lower() for o in options}) != len(options):
            errors.append(f"{where}: options has a repeated value")
    elif options is not None:
        errors.append(f"{where}: a text answer takes no options")
    if "current" in entry and not isinstance(entry["current"], bool):
        errors.append(f"{where}: current should be true or false")
    return errors


_ENTRY_CHECKERS = {
    "questions": _check_question,
    "conversation_topics": _check_topic,
    "safety_resources": _check_resource,
    "safety_screen": _check_screen_item,
    "style_items": styles.check_item,
    "difference_cards": styles.check_card,
    "partner_quiz": _check_quiz_item,
}


def _check_international(entries: list[Any]) -> list[str]:
    # The international entries are what everyone sees when their region has nothing listed.
    kinds = {
        kind
        for entry in entries
        if isinstance(entry, dict) and entry.get("region") == INTERNATIONAL
        for kind in (entry.get("kinds") or [])
        if isinstance(entry.get("kinds"), list)
    }
    return [
        f"safety_resources: no {INTERNATIONAL} resource of kind {kind!r}"
        for kind in ("crisis", "abuse")
        if kind not in kinds
    ]


def _required(where: str, entry: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    return [f"{where}: missing {field}" for field in fields if not _filled(entry.get(field))]


def _enum(where: str, entry: dict[str, Any], field: str, known: tuple[str, ...]) -> list[str]:
    value = entry.get(field)
    if _filled(value) and value not in known:
        return [f"{where}: unknown {field} {value!r} (known: {', '.join(known)})"]
    return []


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str | list | dict):
        return bool(value.strip() if isinstance(value, str) else value)
    return True


def _id_example(name: str) -> str:
    return {
        "questions": "q-0001",
        "conversation_topics": "t-001",
        "safety_resources": "r-001",
        "safety_screen": "s-01",
        "style_items": "i-01",
        "difference_cards": "d-01",
        "partner_quiz": "pq-001",
    }[name]
