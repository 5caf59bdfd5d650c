"""The reads of time together that pages, the API and Today share, all through the gate.

Plans are shared rows, highlights sealed ones, swipes private: every read here goes through
attunement.couples.access, so a partner's "no" and a sealed highlight never leave it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.together import services
from attunement.together.models import Choice, Highlight, Plan, Swipe, activity
from attunement.together.suggest import Filters, Suggestion, suggest

RECENT_PLANS = 12


@dataclass(frozen=True)
class Match:
    activity: dict[str, Any]
    mine: str
    theirs: str
    since: datetime

    @property
    def both_yes(self) -> bool:
        return self.mine == self.theirs == Choice.YES

    @property
    def label(self) -> str:
        return "You both said yes" if self.both_yes else "A yes and a maybe"


def matches(user: User) -> list[Match]:
    """Mutual yeses first, then yes + maybe; newest first within each. One query."""
    found = access.mutual_choices(user, Swipe.objects)
    rows = [Match(activity(a), mine, theirs, at) for a, (mine, theirs, at) in found.items()]
    return sorted(rows, key=lambda m: (not m.both_yes, -m.since.timestamp()))


NEW_FOR = timedelta(days=7)


def new_matches(found: list[Match], now: datetime | None = None) -> list[Match]:
    """Matches made in the last week. (Computed, never stored: reading a page changes nothing.)"""
    since = (now or timezone.now()) - NEW_FOR
    return [m for m in found if m.since > since]


def count_of_new_matches(user: User, now: datetime | None = None) -> Subquery:
    """How many matches were made in the last week (new_matches), as a subquery for Today's one
    query; None when there are none."""
    since = (now or timezone.now()) - NEW_FOR
    new = access.mutual_choices_since(user, Swipe.objects, since)
    return Subquery(new.order_by().values("owner").annotate(n=Count("pk")).values("n")[:1])


def own_choices(user: User) -> dict[str, str]:
    """This person's own marks in their current couple: activity id -> choice."""
    couple = access.current_couple(user)
    rows = access.own(user, Swipe.objects).filter(couple=couple)
    return dict(rows.values_list("activity_id", "choice"))


def plans(user: User) -> QuerySet[Plan]:
    """Plans this person may read, with their planner and the highlights they may read."""
    return access.with_highlights(
        user, access.visible(user, Plan.objects), Highlight.objects
    ).select_related("owner", "cancelled_by")


CANCELLED_SHOWN_FOR = timedelta(days=7)


def recently_cancelled(user: User, now: datetime | None = None) -> list[Plan]:
    """Plans of the current couple cancelled in the last week, newest first, so the partner
    who did not cancel learns it in the app (no email says so). One query."""
    now = now or timezone.now()
    couple = access.current_couple(user)
    return list(
        access.visible(user, Plan.objects)
        .filter(couple=couple, cancelled_at__gte=now - CANCELLED_SHOWN_FOR)
        .select_related("cancelled_by")
        .order_by("-cancelled_at")[:3]
    )


def cancelled_by_partner(user: User, now: datetime | None = None) -> list[Plan]:
    return [p for p in recently_cancelled(user, now) if p.cancelled_by_id != user.pk]


def any_cancelled_by_partner(user: User, now: datetime | None = None) -> Exists:
    """Whether the partner cancelled a plan in the last week, as an expression for Today's one
    query (the rows are fetched only when it is true)."""
    now = now or timezone.now()
    couple = access.current_couple(user)
    return Exists(
        access.visible(user, Plan.objects)
        .filter(couple=couple, cancelled_at__gte=now - CANCELLED_SHOWN_FOR)
        .exclude(cancelled_by=user)
    )


def upcoming(user: User, now: datetime | None = None, *, bare: bool = False) -> QuerySet[Plan]:
    """Plans not cancelled that start from two hours ago on (`bare`: the rows alone, without
    the planner and highlights, for a count or a few columns)."""
    now = now or timezone.now()
    rows = access.visible(user, Plan.objects) if bare else plans(user)
    return rows.filter(cancelled_at__isnull=True, starts_at__gt=now - timedelta(hours=2))


def to_write(user: User, now: datetime | None = None, *, bare: bool = False) -> QuerySet[Plan]:
    """Plans that have happened, in the current couple, without this person's highlight."""
    now = now or timezone.now()
    couple = access.current_couple(user)
    mine = access.own(user, Highlight.objects).filter(plan=OuterRef("pk"))
    rows = access.visible(user, Plan.objects) if bare else plans(user)
    return (
        rows.filter(couple=couple, cancelled_at__isnull=True, starts_at__lte=now)
        .exclude(Exists(mine))
        .order_by("-starts_at")
    )


def memories(user: User) -> QuerySet[Plan]:
    """Plans whose highlights were revealed together: the timeline, newest first."""
    return plans(user).filter(memory_revealed_at__isnull=False).order_by("-starts_at")


def suggestions(
    user: User, found: list[Match], filters: Filters | None = None, now: datetime | None = None
) -> list[Suggestion]:
    now = now or timezone.now()
    couple = access.current_couple(user)
    if couple is None:
        return []
    rows = list(
        access.visible(user, Plan.objects)
        .filter(couple=couple, cancelled_at__isnull=True)
        .order_by("-starts_at")
        .values_list("activity_id", "starts_at")[: RECENT_PLANS * 4]
    )
    done = [a for a, at in rows if at <= now]
    ahead = {a for a, at in rows if at > now}
    week = user.local_today(now).isocalendar()
    return suggest(
        {m.activity["id"]: (m.mine, m.theirs) for m in found},
        done=done,
        upcoming=ahead,
        filters=filters or services.filters_for(user),
        seed=f"{couple.uuid}:{week.year}-{week.week}",
    )
