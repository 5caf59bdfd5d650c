"""What a strategy app gives the Today page: a panel and, maybe, the next step it suggests."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


class Practice(IntEnum):
    """The day's practice in the order Today offers it: the lowest open one is the next step.

    A step outside this list is not part of the day's practice: when none of these is open the
    day is done, and Today says so.
    """

    CHECK_IN = 10
    DAILY_QUESTION = 20
    RESPOND_TO_CHECK_IN = 30
    GUESS_FEELINGS = 35
    CONVERSATION_TURN = 40
    TIME_TOGETHER = 50


@dataclass
class NextStep:
    label: str
    url: str
    why: str = ""
    practice: Practice = field(kw_only=True)


@dataclass
class Panel:
    template: str
    context: dict[str, object] = field(default_factory=dict)
    next_step: NextStep | None = None


def next_step(panels: list[Panel]) -> NextStep | None:
    """The earliest open practice of the day, or None when the day's practice is done."""
    steps = [p.next_step for p in panels if p.next_step is not None]
    return min(steps, key=lambda s: s.practice, default=None)


# Asking once. A strategy's Today part may name SQL expressions (Exists, Subquery, counts) that
# say what is waiting for the person; Today answers every strategy's questions in one query
# over the person's own row (today/panels.py), so "is something waiting?" costs no round trip
# of its own. The panel then reads its answers from `Asked`, a mapping of name -> value.

Asks = dict[str, Any]
Asked = Mapping[str, Any]


@dataclass(frozen=True)
class Part:
    """One strategy on Today: `asks(user)` its questions (names start with the strategy's name,
    so they never clash), and `panel(request, asked)` the panel built from the answers."""

    panel: Callable[[Any, Asked], Panel | None]
    asks: Callable[[Any], Asks] = field(default=lambda user: {})


def first_row(name: str, rows: QuerySet[Any], *columns: str) -> Asks:
    """Asks for `columns` of the first row of `rows` (already through the gate and ordered) as
    ONE subquery, named `name`, that returns them as a JSON object; `row_of` turns it back into
    an (unsaved) instance of the model. One subquery per row rather than one per column: the
    database reads the row once, and Django builds one query instead of several."""
    return {name: Subquery(rows.values(row=JSONObject(**{c: c for c in columns}))[:1])}


def row_of(asked: Asked, name: str, model: type[M]) -> M | None:
    """The row `first_row(name, ...)` found, as an unsaved `model` holding only the columns
    asked for (reading another one would query the database), or None when there was none.

    A JSON object carries text and numbers; each column goes back through its model field, as
    a query would take it: an encrypted column is decrypted, a uuid, date or time is parsed
    (and a time without zone, as SQLite keeps them, is UTC)."""
    found = asked.get(name)
    if found is None:
        return None
    values = {}
    for column, raw in found.items():
        field = model._meta.pk if column == "pk" else model._meta.get_field(column)
        values[column] = _from_json(field, raw)
    return model(**values)


def _from_json(field: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if hasattr(field, "from_db_value") and not isinstance(field, models.JSONField):
        return field.from_db_value(raw, None, connection)
    value = field.to_python(raw)
    if isinstance(value, datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value
