"""Time together, week by week: plans made, plans done, and how connected each felt.

Computed on the server and drawn as SVG in the template, with the same numbers in a table.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from attunement.accounts.models import User
from attunement.together.models import Plan

WEEKS = 8
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 600, 220, 40, 20, 190
SLOT = (WIDTH - LEFT) // WEEKS
# One scale for both: 0 at the bottom, 5 at the top (5 plans in a week, or "very connected").
TOP_VALUE = 5


def y_of(value: float) -> int:
    return int(BOTTOM - (BOTTOM - TOP) * min(value, TOP_VALUE) / TOP_VALUE)


@dataclass
class Week:
    start: date
    planned: int
    done: int
    ratings: list[int]
    x: int

    @property
    def connection(self) -> float | None:
        return round(sum(self.ratings) / len(self.ratings), 1) if self.ratings else None

    def bar(self, count: int) -> tuple[int, int]:
        """(y, height) of a bar for `count` plans."""
        return y_of(count), BOTTOM - y_of(count)

    @property
    def planned_bar(self) -> tuple[int, int]:
        return self.bar(self.planned)

    @property
    def done_bar(self) -> tuple[int, int]:
        return self.bar(self.done)

    @property
    def connection_y(self) -> int | None:
        c = self.connection
        return None if c is None else y_of(c)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weekly(plans: list[Plan], user: User, now: datetime) -> dict[str, object]:
    """The last WEEKS weeks (Monday to Sunday on `user`'s own calendar) of `plans` (those the
    gate lets `user` read, cancelled ones left out by the caller, highlights prefetched)."""
    first = week_start(user.local_today(now)) - timedelta(weeks=WEEKS - 1)
    weeks = [
        Week(first + timedelta(weeks=n), 0, 0, [], LEFT + n * SLOT + SLOT // 2)
        for n in range(WEEKS)
    ]
    for plan in plans:
        start = week_start(plan.starts_at.astimezone(user.tz).date())
        index = (start - first).days // 7
        if not 0 <= index < WEEKS:
            continue
        week = weeks[index]
        week.planned += 1
        if plan.has_started(now):
            week.done += 1
        week.ratings += [h.connection for h in plan.readable_highlights]
    points = " ".join(f"{w.x},{w.connection_y}" for w in weeks if w.connection_y is not None)
    return {
        "weeks": weeks,
        "points": points,
        "width": WIDTH,
        "height": HEIGHT,
        "bar": SLOT // 3,
        "grid": [(y_of(n), n) for n in range(0, TOP_VALUE + 1)],
        "planned": sum(w.planned for w in weeks),
        "done": sum(w.done for w in weeks),
        "first": first,
    }
