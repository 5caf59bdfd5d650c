"""What a strategy gives Insights: its figures over time and the actions it can propose.

The one small interface between the strategy apps and `attunement.insights`. A strategy app
registers one `Contributor` from its `AppConfig.ready()` with `contribute(...)`; Insights reads
`contributors()` and never imports a strategy. A strategy built later (empathy, together,
differences) plugs in the same way, without touching Insights.

Contract for `figures`: a constant number of queries, whatever the length of history (filter
to the windows asked for), and only rows the person may read, through the privacy gate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Protocol


class Strategy(StrEnum):
    """The six strategies, in the order the product lists them."""

    LISTENING = "listening"
    SHARING = "sharing"
    EMPATHY = "empathy"
    TOGETHER = "together"
    DIFFERENCES = "differences"
    SUPPORT = "support"

    @property
    def label(self) -> str:
        return STRATEGY_LABELS[self]


STRATEGY_LABELS = {
    Strategy.LISTENING: "Listening",
    Strategy.SHARING: "Opening up",
    Strategy.EMPATHY: "Understanding each other",
    Strategy.TOGETHER: "Time together",
    Strategy.DIFFERENCES: "Our differences",
    Strategy.SUPPORT: "Support",
}

# A window is [start, stop) in the reader's own local dates.
Window = tuple[date, date]


@dataclass(frozen=True)
class Figure:
    """One progress figure: what it measures and on what scale it is drawn."""

    key: str  # stable, e.g. "support.energy"
    strategy: Strategy
    label: str  # "Your energy in check-ins"
    unit: str  # "", "%", "min", ...: printed after the value
    low: float  # the chart's bottom
    high: float  # the chart's top
    about: str = ""  # one sentence for the text alternative


@dataclass
class Series:
    """A figure's values, one per window asked for (None: nothing to show that window)."""

    figure: Figure
    values: list[float | None]


@dataclass(frozen=True)
class Action:
    """One concrete thing a couple can do this week for a strategy.

    `kind` is the stable id the focus bandit learns over ("support.appreciation"); `label`
    says what to do; `url` is where it is done.
    """

    kind: str
    strategy: Strategy
    label: str
    url: str
    detail: str = ""


@dataclass
class Tried:
    """Which action kinds a person did in a window (counted from their own rows)."""

    kinds: set[str] = field(default_factory=set)


class Contributor(Protocol):
    """What each strategy app implements (a module or an object with these attributes)."""

    strategy: Strategy

    def figures(self, user: Any, windows: list[Window]) -> list[Series]:
        """This person's figures for each window, in a constant number of queries."""
        ...

    def actions(self, user: Any) -> list[Action]:
        """Candidate actions for this person's couple (at least three where possible)."""
        ...

    def tried(self, user: Any, window: Window) -> set[str]:
        """The action kinds this person did within `window`."""
        ...


_CONTRIBUTORS: list[Contributor] = []


def contribute(contributor: Contributor) -> None:
    """Register a strategy's contributor (from its AppConfig.ready(); idempotent)."""
    if all(c.strategy != contributor.strategy for c in _CONTRIBUTORS):
        _CONTRIBUTORS.append(contributor)


def contributors() -> list[Contributor]:
    """Every registered contributor, in the order of `Strategy`."""
    order = list(Strategy)
    return sorted(_CONTRIBUTORS, key=lambda c: order.index(c.strategy))


def span(windows: list[Window], tz: Any) -> tuple[Any, Any]:
    """The whole range of `windows` as two aware datetimes (local midnight in `tz`), for one
    range filter on `created_at`."""
    from datetime import datetime, time

    first = min(w[0] for w in windows)
    last = max(w[1] for w in windows)
    return datetime.combine(first, time.min, tzinfo=tz), datetime.combine(last, time.min, tzinfo=tz)


def within(rows: Any, window: Window, tz: Any, field: str = "created_at") -> Any:
    """The rows of the queryset `rows` whose `field` falls within `window` (local midnight to
    local midnight in `tz`): what each strategy's `tried` asks of its own rows."""
    start, stop = span([window], tz)
    return rows.filter(**{f"{field}__gte": start, f"{field}__lt": stop})


def which(day: date, windows: list[Window]) -> int | None:
    """The index of the window holding `day`, or None."""
    for i, (start, stop) in enumerate(windows):
        if start <= day < stop:
            return i
    return None


def mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


def median(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return round(ordered[mid], 1)
    return round((ordered[mid - 1] + ordered[mid]) / 2, 1)


def per_window(
    rows: list[tuple[date, float]], windows: list[Window], reduce: Any = mean
) -> list[float | None]:
    """Group (local day, value) rows by window and reduce each group (mean by default)."""
    groups: list[list[float]] = [[] for _ in windows]
    for day, value in rows:
        i = which(day, windows)
        if i is not None:
            groups[i].append(value)
    return [reduce(g) for g in groups]


def count(values: list[float]) -> float | None:
    """A reducer: how many rows fell in the window (0, not None, when none did)."""
    return float(len(values))
