"""One person's listening history: how often their reflections landed first try, and how heard
their partner felt. Computed on the server from a couple of small queries, drawn as SVG.

Never a comparison between partners. A partner's felt-heard ratings count here only when they
allowed it, and only as an average over at least MIN_RATINGS conversations.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from attunement.accounts.models import User
from attunement.couples import access
from attunement.listening.models import Conversation, Kind, Rating, Turn, Verdict

WEEKS = 8
MIN_RATINGS = 3
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 600, 220, 44, 44, 16, 184


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


def summary_for(user: User, today: date | None = None) -> Summary:
    """The progress page for `user`, over the conversations of their current couple."""
    couple = access.current_couple(user)
    today = today or user.local_today()
    if couple is None:
        return Summary(False, 0, 0, None, 0, None, 0, None, [], "")
    mine = Conversation.objects.filter(Q(owner=user) | Q(partner=user), couple=couple)
    # First verdict on each piece the partner shared while this person listened.
    verdicts = list(
        Turn.objects.filter(conversation__in=mine, kind=Kind.CONFIRMATION, attempt=1)
        .exclude(owner=user)
        .values_list("created_at", "verdict")
    )
    ratings = list(
        Rating.objects.filter(conversation__in=mine).values_list(
            "owner_id", "created_at", "felt_heard", "counts_for_partner"
        )
    )
    partner = [(at, v) for owner, at, v, counts in ratings if owner != user.pk and counts]
    own = [v for owner, _, v, _ in ratings if owner == user.pk]
    first = sum(1 for _, v in verdicts if v == Verdict.YES)

    tz = user.tz
    this_week = _monday(today)
    weeks: list[Week] = []
    step = (WIDTH - LEFT - RIGHT) // WEEKS
    for i in range(WEEKS):
        start = this_week - timedelta(weeks=WEEKS - 1 - i)
        stop = start + timedelta(days=7)
        in_week = [v for at, v in verdicts if start <= at.astimezone(tz).date() < stop]
        yes = sum(1 for v in in_week if v == Verdict.YES)
        share = round(100 * yes / len(in_week)) if in_week else None
        window = [
            v for at, v in partner if stop - timedelta(weeks=4) <= at.astimezone(tz).date() < stop
        ]
        felt = round(sum(window) / len(window), 1) if len(window) >= MIN_RATINGS else None
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
    partner_avg = (
        round(sum(v for _, v in partner) / len(partner), 1) if len(partner) >= MIN_RATINGS else None
    )
    return Summary(
        True,
        len(verdicts),
        first,
        round(100 * first / len(verdicts)) if verdicts else None,
        len(partner),
        partner_avg,
        len(own),
        round(sum(own) / len(own), 1) if own else None,
        weeks,
        points,
    )


def grid() -> list[tuple[int, int, int]]:
    """(y, percent, felt-heard) lines of the chart's grid."""
    return [(_y_for_share(p), p, 1 + p // 25) for p in (0, 25, 50, 75, 100)]
