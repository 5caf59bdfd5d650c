"""One person's progress over weeks or months: their own pulse per strategy, their closeness
(with the partner's beside it only in weeks both chose so), and every figure the strategy apps
contribute (attunement.lib.insights). A constant number of queries whatever the history: each
source reads only the windows shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from attunement.accounts.models import User
from attunement.couples import access
from attunement.insights import pulse
from attunement.insights.charts import Chart, line_chart
from attunement.insights.models import CLOSENESS_MAX, SCORE_MAX, SCORE_MIN, PulseAnswer, monday
from attunement.lib.insights import Figure, Series, Strategy, Window, contributors, mean, per_window

SPANS = {"weeks": "Last 12 weeks", "months": "Last 12 months"}
COUNT = 12

CLOSENESS = Figure(
    "pulse.closeness",
    Strategy.TOGETHER,
    "How close you felt",
    "",
    0,
    CLOSENESS_MAX,
    "Your answer to the pulse's closeness slider, from 0 (far apart) to 100 (very close).",
)


def pulse_figure(item: pulse.Item) -> Figure:
    return Figure(
        f"pulse.{item.strategy}",
        Strategy(item.strategy),
        f"Your pulse: “{item.text}”",
        "",
        SCORE_MIN,
        SCORE_MAX,
        f"Your own answer each week, from 1 ({item.low}) to 7 ({item.high}).",
    )


def windows_for(span: str, today: date) -> list[Window]:
    """COUNT windows ending with the one holding `today`: local weeks or calendar months."""
    if span == "months":
        starts = []
        year, month = today.year, today.month
        for _ in range(COUNT):
            starts.append(date(year, month, 1))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        starts.reverse()
        stops = [*starts[1:], _next_month(starts[-1])]
        return list(zip(starts, stops, strict=True))
    first = monday(today) - timedelta(weeks=COUNT - 1)
    return [(first + timedelta(weeks=i), first + timedelta(weeks=i + 1)) for i in range(COUNT)]


def _next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


@dataclass
class Section:
    strategy: Strategy
    charts: list[Chart]


@dataclass
class Progress:
    span: str
    windows: list[Window]
    closeness: Chart
    sections: list[Section]
    series: list[Series]  # everything, for the API
    together: list[float | None] | None  # the partner's closeness, in weeks both chose so
    answered: int  # pulses answered in the span
    this_week_answered: bool


def progress_for(user: User, span: str = "weeks", now: datetime | None = None) -> Progress:
    today = user.local_today(now)
    windows = windows_for(span, today)
    first, last = windows[0][0], windows[-1][1]
    rows = list(
        access.own(user, PulseAnswer.objects)
        .filter(week__gte=monday(first), week__lt=last)
        .values_list("week", "scores", "closeness")
    )
    series: list[Series] = []
    for item in pulse.items():
        values = [(w, float(s[item.strategy])) for w, s, _ in rows if item.strategy in s]
        series.append(Series(pulse_figure(item), per_window(values, windows, mean)))
    closeness = Series(CLOSENESS, per_window([(w, float(c)) for w, _, c in rows], windows, mean))
    theirs = access.mutual_closeness(user, PulseAnswer.objects, monday(first), last)
    together = per_window([(w, float(c)) for w, c in theirs], windows, mean) if theirs else None
    for contributor in contributors():
        series.extend(contributor.figures(user, windows))

    starts = [w[0] for w in windows]
    monthly = span == "months"
    chart = line_chart(CLOSENESS, starts, closeness.values, monthly)
    if together is not None:
        chart.other = line_chart(CLOSENESS, starts, together, monthly)
        partner = access.partner_of(user)
        chart.other_label = partner.name if partner else "Your partner"
    sections = []
    for strategy in Strategy:
        charts = [
            line_chart(s.figure, starts, s.values, monthly)
            for s in series
            if s.figure.strategy == strategy
        ]
        if charts:
            sections.append(Section(strategy, charts))
    answered_now = any(w == monday(today) for w, _, _ in rows)
    everything = [*series, closeness]
    return Progress(span, windows, chart, sections, everything, together, len(rows), answered_now)
