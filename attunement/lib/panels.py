"""What a strategy app gives the Today page: a panel and, maybe, the next step it suggests."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from django.db.models import QuerySet, Subquery


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
    """Asks for `columns` of the first row of `rows` (already through the gate and ordered),
    each as a scalar subquery named `<name>_<column>`. An encrypted column comes back decrypted:
    the subquery keeps the model field, and with it the field's conversion from the database."""
    return {f"{name}_{column}": Subquery(rows.values(column)[:1]) for column in columns}


def row_of(asked: Asked, name: str, *columns: str) -> dict[str, Any] | None:
    """The columns `first_row(name, ...)` asked for, or None when there was no row (the first
    column must be one a row always has, such as its uuid)."""
    found = {column: asked.get(f"{name}_{column}") for column in columns}
    return None if found[columns[0]] is None else found
