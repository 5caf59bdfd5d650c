"""What emotional support gives Insights: check-in energy and feelings, turning toward, and
three kinds of action. Every figure is the reader's own (or about what they did for their
partner); rows come through the privacy gate, two queries whatever the history."""

from datetime import date

from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.insights import (
    Action,
    Figure,
    Series,
    Strategy,
    Window,
    count,
    median,
    per_window,
    span,
    within,
)
from attunement.support import feelings
from attunement.support.models import Appreciation, CheckIn, Response

LIGHT_GROUPS = {"bright", "warm", "calm"}

ENERGY = Figure(
    "support.energy",
    Strategy.SUPPORT,
    "Your energy in check-ins",
    "",
    1,
    5,
    "Your average energy in your check-ins, from 1 (drained) to 5 (full of energy).",
)
LIGHT = Figure(
    "support.light_feelings",
    Strategy.SUPPORT,
    "Check-ins with a bright, warm or calm feeling",
    "%",
    0,
    100,
    "The share of your check-ins naming at least one bright, warm or calm feeling.",
)
CHECK_INS = Figure(
    "support.check_ins",
    Strategy.SUPPORT,
    "Your check-ins",
    "",
    0,
    7,
    "How many days you checked in.",
)
TURNED = Figure(
    "support.turned_toward",
    Strategy.SUPPORT,
    "Partner's check-ins you answered the same day",
    "%",
    0,
    100,
    "Of the check-ins your partner shared, the share you responded to on the day they wrote it.",
)
RESPONSE_TIME = Figure(
    "support.response_minutes",
    Strategy.SUPPORT,
    "Time to respond (median)",
    " min",
    0,
    720,
    "The middle time between your partner's check-in and your first response, in minutes.",
)


def _light(ids: list[str]) -> bool:
    return any(feelings.GROUP_OF[f].id in LIGHT_GROUPS for f in ids if f in feelings.GROUP_OF)


class SupportInsights:
    strategy = Strategy.SUPPORT

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        start, stop = span(windows, user.tz)
        first, last = min(w[0] for w in windows), max(w[1] for w in windows)
        mine = list(
            access.own(user, CheckIn.objects)
            .filter(local_date__gte=first, local_date__lt=last)
            .values_list("local_date", "energy", "feelings")
        )
        theirs = list(
            access.partners_rows(user, CheckIn.objects)
            .filter(created_at__gte=start, created_at__lt=stop)
            .values_list("local_date", "created_at", "turned_toward_at")
        )
        tz = user.tz
        same_day: list[tuple[date, float]] = []
        minutes: list[tuple[date, float]] = []
        for _day, created, turned in theirs:
            here = created.astimezone(tz).date()
            answered = turned is not None and turned.astimezone(tz).date() <= here
            same_day.append((here, 100.0 if answered else 0.0))
            if turned is not None:
                minutes.append((here, (turned - created).total_seconds() / 60))
        return [
            Series(CHECK_INS, per_window([(d, 1.0) for d, _, _ in mine], windows, count)),
            Series(ENERGY, per_window([(d, float(e)) for d, e, _ in mine], windows)),
            Series(
                LIGHT,
                per_window([(d, 100.0 if _light(f) else 0.0) for d, _, f in mine], windows),
            ),
            Series(TURNED, per_window(same_day, windows)),
            Series(RESPONSE_TIME, per_window(minutes, windows, median)),
        ]

    def actions(self, user: User) -> list[Action]:
        return [
            Action(
                "support.appreciation",
                self.strategy,
                "Send your partner an appreciation",
                reverse("appreciations"),
                "A sentence about something they did this week.",
            ),
            Action(
                "support.same_day",
                self.strategy,
                "Answer your partner's check-in on the day they write it",
                reverse("today"),
                "A quick response counts: it tells them you noticed.",
            ),
            Action(
                "support.name_a_need",
                self.strategy,
                "Check in and name what you need",
                reverse("check_in"),
                "To be listened to, a hug, some space: saying it helps.",
            ),
        ]

    def tried(self, user: User, window: Window) -> set[str]:
        done = set()
        if within(access.own(user, Appreciation.objects), window, user.tz).exists():
            done.add("support.appreciation")
        if within(access.own(user, Response.objects), window, user.tz).exists():
            done.add("support.same_day")
        named = access.own(user, CheckIn.objects).exclude(need="nothing")
        if named.filter(local_date__gte=window[0], local_date__lt=window[1]).exists():
            done.add("support.name_a_need")
        return done
