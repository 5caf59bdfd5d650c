"""What quality time gives Insights: plans made and dates had (time together), the person's own
mean connection rating afterwards, and three kinds of action. Plans are shared rows read with
visible(); ratings are the person's own highlights only. Two queries whatever the history."""

from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.insights import (
    Action,
    Figure,
    Series,
    Strategy,
    Window,
    count,
    mean,
    per_window,
    span,
    within,
)
from attunement.together.models import Highlight, Plan, Swipe

SWIPES = 10  # "Swipe ten activities" counts as tried at this many marks in the week

PLANS_MADE = Figure(
    "together.plans_made",
    Strategy.TOGETHER,
    "Plans made",
    "",
    0,
    3,
    "How many dates you or your partner planned that week (cancelled plans left out).",
)
PLANS_DONE = Figure(
    "together.plans_done",
    Strategy.TOGETHER,
    "Time together: dates you had",
    "",
    0,
    3,
    "How many planned dates took place that week (cancelled plans left out).",
)
CONNECTION = Figure(
    "together.connection",
    Strategy.TOGETHER,
    "How connected you felt on your dates",
    "",
    1,
    5,
    "Your own rating of how connected you felt, from 1 to 5, written after each date. "
    "Only you see it.",
)


class TogetherInsights:
    strategy = Strategy.TOGETHER

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        start, stop = span(windows, user.tz)
        tz = user.tz
        now = timezone.now()
        plans = (
            access.visible(user, Plan.objects)
            .filter(cancelled_at__isnull=True)
            .filter(
                Q(created_at__gte=start, created_at__lt=stop)
                | Q(starts_at__gte=start, starts_at__lt=stop)
            )
            .values_list("created_at", "starts_at")
        )
        made: list[tuple[date, float]] = []
        done: list[tuple[date, float]] = []
        for created, starts in plans:
            made.append((created.astimezone(tz).date(), 1.0))
            if starts <= now:
                done.append((starts.astimezone(tz).date(), 1.0))
        ratings = [
            (starts.astimezone(tz).date(), float(value))
            for starts, value in access.own(user, Highlight.objects)
            .filter(plan__starts_at__gte=start, plan__starts_at__lt=stop)
            .values_list("plan__starts_at", "connection")
        ]
        return [
            Series(PLANS_MADE, per_window(made, windows, count)),
            Series(PLANS_DONE, per_window(done, windows, count)),
            Series(CONNECTION, per_window(ratings, windows, mean)),
        ]

    def actions(self, user: User) -> list[Action]:
        return [
            Action(
                "together.plan_match",
                self.strategy,
                "Plan one of your matches",
                reverse("together"),
                "Pick something you both said yes to and put a time on it.",
            ),
            Action(
                "together.swipe",
                self.strategy,
                "Swipe ten activities",
                reverse("together_swipe"),
                "Yes, maybe or no, each on your own: your partner only ever sees a match.",
            ),
            Action(
                "together.memory",
                self.strategy,
                "Write what you'll remember from your last date",
                reverse("together"),
                "A line each, revealed together once you've both written.",
            ),
        ]

    def tried(self, user: User, window: Window) -> set[str]:
        done = set()
        if within(access.own(user, Plan.objects), window, user.tz).exists():
            done.add("together.plan_match")
        swiped = within(access.own(user, Swipe.objects), window, user.tz, "updated_at")
        if swiped.count() >= SWIPES:
            done.add("together.swipe")
        if within(access.own(user, Highlight.objects), window, user.tz).exists():
            done.add("together.memory")
        return done
