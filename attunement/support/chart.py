"""The 4-week history chart, computed on the server and drawn as SVG in the template."""

from dataclasses import dataclass
from datetime import date, timedelta

from attunement.support import feelings
from attunement.support.models import CheckIn

DAYS = 28
WIDTH, HEIGHT, LEFT, TOP, STEP = 600, 220, 40, 20, 20


@dataclass
class Day:
    day: date
    x: int
    energy: int | None
    energy_y: int | None
    feeling_labels: list[str]
    dots: list[tuple[int, str, str]]  # (y, colour, group label)


def four_weeks(check_ins: list[CheckIn], today: date) -> dict[str, object]:
    by_day = {c.local_date: c for c in check_ins}
    days: list[Day] = []
    first = today - timedelta(days=DAYS - 1)
    for i in range(DAYS):
        d = first + timedelta(days=i)
        c = by_day.get(d)
        x = LEFT + i * STEP + STEP // 2
        if c is None:
            days.append(Day(d, x, None, None, [], []))
            continue
        groups = []
        for fid in c.feelings:
            group = feelings.GROUP_OF.get(fid)
            if group and group not in groups:
                groups.append(group)
        dots = [(150 + 14 * n, g.colour, g.label) for n, g in enumerate(groups[:3])]
        days.append(Day(d, x, c.energy, TOP + (5 - c.energy) * 25, c.feeling_labels(), dots))
    points = " ".join(f"{d.x},{d.energy_y}" for d in days if d.energy_y is not None)
    return {
        "days": days,
        "points": points,
        "first": first,
        "last": today,
        "width": WIDTH,
        "height": HEIGHT,
        "count": sum(1 for d in days if d.energy is not None),
        "grid": [(TOP + (5 - level) * 25, level) for level in range(1, 6)],
        "legend": feelings.GROUPS,
    }
