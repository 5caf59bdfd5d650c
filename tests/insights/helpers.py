"""Builders for pulse answers written straight to the table (the week is the test's choice)."""

from datetime import date
from typing import Any

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.insights.models import PulseAnswer

STRATEGIES = ("listening", "sharing", "empathy", "together", "differences", "support")


def pulse_row(
    owner: User, week: date, couple: Couple | None = None, *, closeness: int = 50, **scores: Any
) -> PulseAnswer:
    share = scores.pop("share", False)
    filled = {s: scores.get(s, 4) for s in STRATEGIES}
    return PulseAnswer.objects.create(
        owner=owner,
        couple=couple,
        visibility=Visibility.PRIVATE,
        week=week,
        scores=filled,
        closeness=closeness,
        share_closeness=share,
    )
