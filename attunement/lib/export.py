"""A person's data as one JSON document, and back: what each app gives an export.

The one small interface between the apps and `attunement export | import` and the Settings
download. Each app with personal data registers one `Exporter` from its `AppConfig.ready()`
with `register(...)`; the document is assembled here and never imports an app. An exporter
lists its `Table`s (a model and the fields given per row), which also yield the published
JSON Schema (`docs/export.schema.json`, written by `schema()`).

Contract for `export(user)`: only rows the person wrote or that are about them, read through
the privacy gate; the partner's rows only where the partner shared them with this person,
each marked `"from_partner": true`; never a secret (token hashes, session keys, second-factor
secrets); free text decrypted; a constant number of queries, whatever the length of history.

Contract for `import_(user, rows, counts)`: restore the person's own rows onto `user` (a new
account on this instance, in the caller's transaction) and count what could not come back,
e.g. rows that need the partner, in `counts.skipped`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

FORMAT = "attunement-export"
VERSION = 1

# What varies between two exports of the same words and is left out when comparing them
# (the round-trip test): new ids and the moments rows were written again on import.
VOLATILE_KEYS = frozenset({"uuid", "updated_at", "exported_at"})


@dataclass(frozen=True)
class Table:
    """One list of rows in an export: rows of `model`, each with `fields`.

    A field is a model field name, or "key:lookup" to give a field of a related row under a
    plain key ("day:served__day"); `computed` names keys added by annotation, with their JSON
    Schema.
    """

    name: str
    model: Any
    fields: tuple[str, ...]
    computed: dict[str, dict[str, Any]] = field(default_factory=dict)
    about: str = ""

    @property
    def lookups(self) -> dict[str, str]:
        """Each key of a row, and the lookup it is read from."""
        return {f.partition(":")[0]: f.partition(":")[2] or f for f in self.fields}

    def rows(self, queryset: Any) -> list[dict[str, Any]]:
        """The rows of `queryset` as JSON-ready dicts, in one query (`values()` decrypts)."""
        from django.db.models import F

        plain_keys = [k for k, lookup in self.lookups.items() if k == lookup]
        renamed = {k: F(lookup) for k, lookup in self.lookups.items() if k != lookup}
        keys = (*self.lookups, *self.computed)
        values = queryset.values(*plain_keys, *self.computed, **renamed)
        return [{k: plain(row[k]) for k in keys} for row in values]

    def schema(self) -> dict[str, Any]:
        props = {key: _field_schema(self.model, lookup) for key, lookup in self.lookups.items()}
        props.update(self.computed)
        about = {"description": self.about} if self.about else {}
        return {
            "type": "array",
            **about,
            "items": {
                "type": "object",
                "properties": props,
                "required": sorted(props),
                "additionalProperties": False,
            },
        }


@dataclass
class Counts:
    """What an import restored and what it could not, by "app.table"."""

    restored: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)


class Exporter(Protocol):
    """What each app with personal data implements."""

    section: str  # the app's label, the key of its part of the document
    tables: list[Table]
    covers: tuple[str, ...]  # model labels ("support.CheckIn") whose rows this part gives

    def export(self, user: Any) -> dict[str, list[dict[str, Any]]]:
        """This person's rows, table name -> rows, in a constant number of queries."""
        ...

    def import_(self, user: Any, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        """Restore the person's own rows onto `user`, counting what cannot come back."""
        ...


_EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    """Register an app's exporter (from its AppConfig.ready(); idempotent)."""
    _EXPORTERS[exporter.section] = exporter


def exporters() -> list[Exporter]:
    """Every registered exporter, by section name (a stable order for files and tests)."""
    return [_EXPORTERS[name] for name in sorted(_EXPORTERS)]


def export_person(user: Any, now: dt.datetime) -> dict[str, Any]:
    """Everything `user` wrote and everything about them, as one JSON-ready document."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": plain(now),
        "sections": {e.section: e.export(user) for e in exporters()},
    }


def restore_person(user: Any, document: dict[str, Any]) -> Counts:
    """Restore a (validated) document's own rows onto `user`; the caller holds the transaction."""
    counts = Counts()
    sections = document.get("sections", {})
    for exporter in exporters():
        exporter.import_(user, sections.get(exporter.section, {}), counts)
    return counts


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an export file, from the registered tables."""
    sections = {
        e.section: {
            "type": "object",
            "properties": {t.name: t.schema() for t in e.tables},
            "required": [t.name for t in e.tables],
            "additionalProperties": False,
        }
        for e in exporters()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://attunement.invalid/export.schema.json",
        "title": "Attunement: one person's data",
        "description": (
            "Everything one person wrote and everything about them, from `attunement export` "
            "or Settings > Download my data. Rows marked from_partner were shared with them by "
            "their partner. Free text is plain (decrypted)."
        ),
        "type": "object",
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "sections": {
                "type": "object",
                "properties": sections,
                "required": sorted(sections),
                "additionalProperties": False,
            },
        },
        "required": ["format", "version", "exported_at", "sections"],
        "additionalProperties": False,
    }


def marked(user: Any) -> dict[str, Any]:
    """The `from_partner` annotation: true on rows the person did not write themself."""
    from django.db.models import BooleanField, Case, Value, When

    return {
        "from_partner": Case(
            When(owner=user, then=Value(False)), default=Value(True), output_field=BooleanField()
        )
    }


def plain(value: Any) -> Any:
    """A value from the database as JSON: times and dates in ISO 8601, UUIDs as strings."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def when(value: str | None) -> dt.datetime | None:
    """An ISO 8601 time from an export file, back to an aware datetime."""
    return dt.datetime.fromisoformat(value) if value else None


def day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def own_rows(rows: list[dict[str, Any]], counts: Counts, key: str) -> list[dict[str, Any]]:
    """The person's own rows of a table; the partner's shared ones are counted as skipped
    (they are the partner's to keep, not the person's to restore)."""
    mine = [r for r in rows if not r.get("from_partner")]
    if len(mine) < len(rows):
        counts.skipped[f"{key} (your partner's)"] += len(rows) - len(mine)
    return mine


def build(model: Any, row: dict[str, Any], fields: tuple[str, ...], **values: Any) -> Any:
    """A new, checked `model` row from an export row's `fields` (parsed by each field) and
    `values` (owner, links to rows restored before it). Not saved: the caller saves it.
    A new uuid is drawn, so one file can be imported twice (as two people) without a clash."""
    obj = model(**values)
    for name in fields:
        setattr(obj, name, model._meta.get_field(name).to_python(row[name]))
    obj.full_clean(validate_unique=False, validate_constraints=False)
    return obj


def skip_all(rows: list[dict[str, Any]], counts: Counts, key: str) -> None:
    """A table that cannot come back on another instance (it needs the partner or a secret)."""
    if rows:
        counts.skipped[key] += len(rows)


FROM_PARTNER = {"from_partner": {"type": "boolean", "description": "shared by the partner"}}

_JSON_TYPES = {
    "AutoField": "integer",
    "BigAutoField": "integer",
    "IntegerField": "integer",
    "PositiveIntegerField": "integer",
    "PositiveSmallIntegerField": "integer",
    "SmallIntegerField": "integer",
    "BigIntegerField": "integer",
    "FloatField": "number",
    "BooleanField": "boolean",
    "EncryptedBooleanField": "boolean",
    "CharField": "string",
    "TextField": "string",
    "EncryptedTextField": "string",
    "EmailField": "string",
    "SlugField": "string",
    "UUIDField": "string",
    "DateTimeField": "string",
    "DateField": "string",
}
_FORMATS = {"DateTimeField": "date-time", "DateField": "date", "UUIDField": "uuid"}


def _field_schema(model: Any, path: str) -> dict[str, Any]:
    """The JSON Schema of a field path: its type, nullable when the field (or a relation on
    the way) may be empty, and the choices of a field with choices."""
    nullable = False
    f = None
    for part in path.split("__"):
        f = model._meta.get_field(part)
        nullable = nullable or bool(getattr(f, "null", False))
        if f.is_relation and f.related_model is not None:
            model = f.related_model
    assert f is not None
    if f.is_relation:  # a foreign key by its id: not exported (ids mean nothing elsewhere)
        raise ValueError(f"{path}: export a relation by a field of the related row, not its id")
    kind = f.get_internal_type()
    if kind == "JSONField":
        return {"description": str(f.verbose_name)}
    if type(f).__name__ in _JSON_TYPES:
        kind = type(f).__name__
    out: dict[str, Any] = {"type": [_JSON_TYPES[kind], "null"] if nullable else _JSON_TYPES[kind]}
    if kind in _FORMATS:
        out["format"] = _FORMATS[kind]
    choices = getattr(f, "choices", None)
    max_length = getattr(f, "max_length", None)
    if max_length and kind in ("CharField", "EmailField", "SlugField"):
        out["maxLength"] = max_length
    if choices and kind in ("CharField",):
        values = [c[0] for c in choices]
        if f.blank:
            values = [*values, ""] if "" not in values else values
        out["enum"] = [*values, None] if nullable else values
    return out
