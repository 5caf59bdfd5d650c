"""Line charts for the progress page, computed on the server and drawn as SVG in a template.

Geometry only: the template draws, with CSS custom properties for light and dark, and a table
beside every chart carries the same numbers as text.
"""

from dataclasses import dataclass
from datetime import date

from attunement.lib.insights import Figure

# Small units so that the axis text stays readable on a 390 px phone (the SVG scales down).
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 400, 150, 40, 14, 10, 124


@dataclass
class Point:
    label: str  # the window's start, as shown on the axis and in the table
    x: int
    y: int | None
    value: float | None
    shown: str  # the value as text ("–" when none)


@dataclass
class Chart:
    figure: Figure
    points: list[Point]
    line: str  # polyline points of the consecutive values
    grid: list[tuple[int, str]]  # (y, label)
    ticks: list[Point]  # the points labelled on the axis (not all, on a phone)
    latest: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = BOTTOM
    # A second line on the same scale (the partner's closeness, when both chose to see it).
    other: "Chart | None" = None
    other_label: str = ""

    @property
    def has_data(self) -> bool:
        return any(p.value is not None for p in self.points)

    @property
    def rows(self) -> list[tuple[str, str, str]]:
        """(window, value, the other line's value) for the table beside the chart."""
        other = [o.shown for o in self.other.points] if self.other else [""] * len(self.points)
        return [(p.label, p.shown, o) for p, o in zip(self.points, other, strict=True)]

    @property
    def slug(self) -> str:
        return self.figure.key.replace(".", "-").replace("_", "-")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.0f}" if value == int(value) or abs(value) >= 10 else f"{value:.1f}"
    return f"{text}{unit}"


def line_chart(
    figure: Figure, starts: list[date], values: list[float | None], monthly: bool
) -> Chart:
    """One figure over the windows starting at `starts`, scaled from figure.low to figure.high
    (values beyond the top are drawn at the top; the table keeps the true value)."""
    n = len(starts)
    step = (WIDTH - LEFT - RIGHT) / max(n - 1, 1)
    span = (figure.high - figure.low) or 1
    points = []
    for i, (start, value) in enumerate(zip(starts, values, strict=True)):
        y = None
        if value is not None:
            clamped = min(max(value, figure.low), figure.high)
            y = round(BOTTOM - (BOTTOM - TOP) * (clamped - figure.low) / span)
        label = start.strftime("%b %Y") if monthly else f"{start.day} {start:%b}"
        points.append(Point(label, round(LEFT + i * step), y, value, _fmt(value, figure.unit)))
    line = " ".join(f"{p.x},{p.y}" for p in points if p.y is not None)
    middle = figure.low + span / 2
    grid = [
        (round(BOTTOM - (BOTTOM - TOP) * (v - figure.low) / span), _fmt(v, figure.unit))
        for v in (figure.low, middle, figure.high)
    ]
    every = max(1, n // 3)
    ticks = [p for i, p in enumerate(points) if i % every == 0 or i == n - 1]
    latest = next((p.shown for p in reversed(points) if p.value is not None), "–")
    return Chart(figure, points, line, grid, ticks, latest)
