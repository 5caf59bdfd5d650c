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


def strategy_history(alice: User, bob: User, couple: Couple, weeks: int, today: date) -> None:
    """One feelings round guessed by Alice, one quiz round and one date with both highlights
    in each of `weeks` weeks before `today`: rows for the empathy and together figures."""
    from datetime import UTC, datetime, time, timedelta

    from attunement.empathy.models import (
        EntryKind,
        FeelingGuess,
        FeelingRound,
        QuizEntry,
        QuizRound,
    )
    from attunement.together.models import Highlight, Plan

    sealed = Visibility.SEALED
    for back in range(weeks):
        at = datetime.combine(today - timedelta(weeks=back, days=1), time(12), tzinfo=UTC)
        felt = FeelingRound.objects.create(
            owner=bob,
            couple=couple,
            visibility=sealed,
            feelings=["calm"],
            intensity=3,
            created_at=at,
            revealed_at=at,
        )
        FeelingGuess.objects.create(
            owner=alice,
            couple=couple,
            visibility=sealed,
            round=felt,
            feelings=["calm"],
            intensity=3,
            accuracy=1.0,
            created_at=at,
            revealed_at=at,
        )
        quiz = QuizRound.objects.create(couple=couple, subject=bob, item_id="pq-001", created_at=at)
        QuizEntry.objects.create(
            owner=alice,
            couple=couple,
            visibility=sealed,
            round=quiz,
            kind=EntryKind.GUESS,
            value='"x"',
            created_at=at,
        )
        plan = Plan.objects.create(
            owner=bob, couple=couple, activity_id="a-001", starts_at=at, created_at=at
        )
        for person in (alice, bob):
            Highlight.objects.create(
                owner=person,
                couple=couple,
                visibility=sealed,
                plan=plan,
                text="Lovely.",
                connection=4,
                created_at=at,
                revealed_at=at,
            )
