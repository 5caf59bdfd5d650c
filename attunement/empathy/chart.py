"""The guesser's own accuracy over time, drawn as SVG on the server (with a table beside it)."""

from dataclasses import dataclass
from datetime import datetime

from attunement.empathy.accuracy import percent

POINTS = 30
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 600, 220, 44, 16, 196


@dataclass
class Point:
    when: datetime
    x: int
    y: int
    percent: int
    feelings: str


def accuracy_chart(guesses: list[tuple[datetime, float, str]]) -> dict[str, object]:
    """`guesses`: (when, accuracy 0..1, the feelings felt) of this person's own guesses, oldest
    first (at most POINTS)."""
    step = (WIDTH - LEFT - 20) / max(1, len(guesses) - 1)
    points = []
    for n, (when, score, felt) in enumerate(guesses):
        p = percent(score)
        y = round(BOTTOM - (BOTTOM - TOP) * p / 100)
        points.append(Point(when, round(LEFT + n * step), y, p, felt))
    recent = points[-5:]
    return {
        "points": points,
        "line": " ".join(f"{p.x},{p.y}" for p in points),
        "width": WIDTH,
        "height": HEIGHT,
        "grid": [(round(BOTTOM - (BOTTOM - TOP) * v / 100), v) for v in (0, 25, 50, 75, 100)],
        "average": round(sum(p.percent for p in points) / len(points)) if points else None,
        "recent_average": round(sum(p.percent for p in recent) / len(recent)) if recent else None,
    }
