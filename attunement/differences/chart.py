"""Both profiles on one chart, computed on the server and drawn as SVG in the template.

One row per scale: a line from 1 to 7 with the two ends named below it, a filled circle for
one partner and a filled square for the other (shape, not only colour, tells them apart).
"""

from dataclasses import dataclass

from attunement.differences.compare import Map

WIDTH, LEFT, RIGHT, ROW, TOP = 360, 16, 344, 58, 8


@dataclass
class ChartRow:
    title: str
    low: str
    high: str
    y: int  # the line's y
    mine_x: float | None
    partners_x: float | None


def x_of(score: float) -> float:
    return round(LEFT + (score - 1) / 6 * (RIGHT - LEFT), 1)


def profiles(found: Map) -> dict[str, object]:
    rows = []
    for n, row in enumerate(found.rows):
        y = TOP + n * ROW + 24
        rows.append(
            ChartRow(
                row.scale.title,
                row.scale.low,
                row.scale.high,
                y,
                x_of(row.mine) if row.mine is not None else None,
                x_of(row.partners) if row.partners is not None else None,
            )
        )
    return {
        "rows": rows,
        "width": WIDTH,
        "height": TOP + len(rows) * ROW + 8,
        "left": LEFT,
        "right": RIGHT,
        "ticks": [x_of(v) for v in range(1, 8)],
    }
