"""Writes of the insights app: a person's weekly pulse, and the couple picking its focus."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.insights import focus, pulse
from attunement.insights.models import CLOSENESS_MAX, SCORE_MAX, SCORE_MIN, FocusWeek, PulseAnswer
from attunement.lib.errors import InvalidInput
from attunement.lib.insights import Strategy


class InsightsError(InvalidInput):
    pass


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


@transaction.atomic
def submit_pulse(
    *,
    user: User,
    scores: dict[str, int],
    closeness: int,
    share_closeness: bool,
    now: datetime | None = None,
) -> PulseAnswer:
    """Save (or change) this person's pulse for their current week. Always private; only
    closeness may be seen together, and only in weeks both partners chose so."""
    known = {item.strategy for item in pulse.items()}
    if not scores or set(scores) - known:
        raise InsightsError("Answer the pulse items on this page.")
    if any(
        isinstance(v, bool) or not isinstance(v, int) or not SCORE_MIN <= v <= SCORE_MAX
        for v in scores.values()
    ):
        raise InsightsError(f"Pick a number from {SCORE_MIN} to {SCORE_MAX} for each item.")
    if (
        isinstance(closeness, bool)
        or not isinstance(closeness, int)
        or not 0 <= closeness <= CLOSENESS_MAX
    ):
        raise InsightsError(f"Closeness runs from 0 to {CLOSENESS_MAX}.")
    answer, _ = PulseAnswer.objects.update_or_create(
        owner=user,
        week=pulse.this_week(user, now),
        defaults={
            "couple": access.current_couple(user),
            "visibility": Visibility.PRIVATE,
            "scores": scores,
            "closeness": closeness,
            "share_closeness": share_closeness,
        },
    )
    return answer


@transaction.atomic
def pick_focus(*, user: User, strategy: str, now: datetime | None = None) -> FocusWeek:
    """The couple chooses this week's focus themselves: their choice replaces the proposal,
    with the actions the bandit picks for it."""
    if access.current_couple(user) is None:
        raise InsightsError(
            "The focus of the week is for the two of you: invite your partner first."
        )
    if strategy not in {c.value for c in focus.focusable()}:
        raise InsightsError("Pick one of the strategies on this page.")
    week = focus.current(user, now or timezone.now())
    return focus.refocus(user, week, Strategy(strategy))
