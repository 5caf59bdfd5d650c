"""One person's listening history: how often their reflections landed first try, and how heard
their partner felt. Computed on the server from a couple of small queries, drawn as SVG.

Never a comparison between partners. A partner's felt-heard ratings count here only when they
allowed it, and only as an average over at least three conversations: the gate
(access.partners_felt_heard) applies that rule, so this module never sees a single rating.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from attunement.accounts.models import User
from attunement.couples import access
from attunement.listening.models import Kind, Rating, Turn, Verdict

WEEKS = 8
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 220, 60, 60, 16, 184


@dataclass
class Week:
    start: date
    x: int
    first_tries: int
    reflections: int
    share: int | None  # percent confirmed first try
    bar_y: int
    bar_height: int
    felt_heard: float | None  # partner's average over a trailing window
    felt_y: int | None


@dataclass
class Summary:
    has_couple: bool
    reflections: int
    first_try: int
    share: int | None
    partner_ratings: int
    partner_felt_heard: float | None
    my_ratings: int
    my_felt_heard: float | None
    weeks: list[Week]
    points: str
    width: int = WIDTH
    height: int = HEIGHT


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _y_for_share(share: int) -> int:
    return BOTTOM - round((BOTTOM - TOP) * share / 100)


def _y_for_felt(value: float) -> int:
    return BOTTOM - round((BOTTOM - TOP) * (value - 1) / 4)


def _local_midnight(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz)


def summary_for(user: User, today: date | None = None) -> Summary:
    """The progress page for `user`, over the conversations of their current couple."""
    couple = access.current_couple(user)
    today = today or user.local_today()
    if couple is None:
        return Summary(False, 0, 0, None, 0, None, 0, None, [], "")
    # The partner's first verdict on each piece they shared while this person listened.
    verdicts = list(
        access.partners_rows(
            user, Turn.objects.filter(kind=Kind.CONFIRMATION, attempt=1)
        ).values_list("created_at", "verdict")
    )
    own = list(
        access.own(user, Rating.objects.filter(couple=couple)).values_list("felt_heard", flat=True)
    )
    first = sum(1 for _, v in verdicts if v == Verdict.YES)

    tz = user.tz
    this_week = _monday(today)
    starts = [this_week - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    # The partner's felt-heard line: a trailing four-week average per week, then overall.
    windows: list[tuple[object, object]] = [
        (
            _local_midnight(start + timedelta(days=7) - timedelta(weeks=4), tz),
            _local_midnight(start + timedelta(days=7), tz),
        )
        for start in starts
    ]
    *felt_by_week, (partner_avg, partner_count) = access.partners_felt_heard(
        user, Rating.objects, [*windows, (None, None)]
    )
    rows = []
    for i, start in enumerate(starts):
        stop = start + timedelta(days=7)
        in_week = [v for at, v in verdicts if start <= at.astimezone(tz).date() < stop]
        rows.append((start, in_week, felt_by_week[i][0]))
    # No empty weeks before the first one with anything to show (this week at least).
    with_data = [i for i, (_, in_week, felt) in enumerate(rows) if in_week or felt is not None]
    rows = rows[with_data[0] if with_data else WEEKS - 1 :]
    weeks: list[Week] = []
    step = (WIDTH - LEFT - RIGHT) // len(rows)
    for i, (start, in_week, felt) in enumerate(rows):
        yes = sum(1 for v in in_week if v == Verdict.YES)
        share = round(100 * yes / len(in_week)) if in_week else None
        x = LEFT + i * step + step // 2
        bar_y = _y_for_share(share) if share is not None else BOTTOM
        weeks.append(
            Week(
                start,
                x,
                yes,
                len(in_week),
                share,
                bar_y,
                BOTTOM - bar_y,
                felt,
                _y_for_felt(felt) if felt is not None else None,
            )
        )
    points = " ".join(f"{w.x},{w.felt_y}" for w in weeks if w.felt_y is not None)
    return Summary(
        True,
        len(verdicts),
        first,
        round(100 * first / len(verdicts)) if verdicts else None,
        partner_count,
        partner_avg,
        len(own),
        round(sum(own) / len(own), 1) if own else None,
        weeks,
        points,
    )


def grid() -> list[tuple[int, int, int]]:
    """(y, percent, felt-heard) lines of the chart's grid."""
    return [(_y_for_share(p), p, 1 + p // 25) for p in (0, 25, 50, 75, 100)]
