"""The 4-week history chart, computed on the server and drawn as SVG in the template.

It starts at the first check-in when that is less than four weeks ago (at least a week is
drawn), so a newcomer's chart is not three empty weeks and a dot.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from attunement.support import feelings
from attunement.support.models import CheckIn

DAYS = 28
MIN_DAYS = 7
WIDTH, HEIGHT, LEFT, TOP = 600, 220, 40, 20


@dataclass
class Day:
    day: date
    x: int
    energy: int | None
    energy_y: int | None
    feeling_labels: list[str]
    dots: list[tuple[int, str, str, str]]  # (y, colour, shape path, group label)
    labelled: bool
    anchor: str = "middle"  # the last label ends at the chart's edge instead of crossing it


def four_weeks(
    check_ins: list[CheckIn], today: date, since: date | None = None
) -> dict[str, object]:
    """`since`: the person's first check-in ever (None when there is none)."""
    by_day = {c.local_date: c for c in check_ins}
    days: list[Day] = []
    first = today - timedelta(days=DAYS - 1)
    if since is not None:
        first = max(first, min(since, today - timedelta(days=MIN_DAYS - 1)))
    count = (today - first).days + 1
    step = (WIDTH - LEFT) // count
    every = 1 if count <= 7 else 2 if count <= 14 else 7
    for i in range(count):
        d = first + timedelta(days=i)
        c = by_day.get(d)
        x = LEFT + i * step + step // 2
        labelled = (count - 1 - i) % every == 0  # the last day (today) always has a label
        anchor = "end" if i == count - 1 and step < 60 else "middle"
        if c is None:
            days.append(Day(d, x, None, None, [], [], labelled, anchor))
            continue
        groups = []
        for fid in c.feelings:
            group = feelings.GROUP_OF.get(fid)
            if group and group not in groups:
                groups.append(group)
        dots = [(150 + 14 * n, g.colour, g.shape, g.label) for n, g in enumerate(groups[:3])]
        days.append(
            Day(
                d,
                x,
                c.energy,
                TOP + (5 - c.energy) * 25,
                c.feeling_labels(),
                dots,
                labelled,
                anchor,
            )
        )
    points = " ".join(f"{d.x},{d.energy_y}" for d in days if d.energy_y is not None)
    return {
        "days": days,
        "points": points,
        "first": first,
        "span": count,
        "last": today,
        "width": WIDTH,
        "height": HEIGHT,
        "count": sum(1 for d in days if d.energy is not None),
        "grid": [(TOP + (5 - level) * 25, level) for level in range(1, 6)],
        "legend": feelings.GROUPS,
    }
