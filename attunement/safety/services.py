"""Writes of the safety app: the private screen, flagged-text events, the private journal.

Nothing here notifies anyone, and nothing here is ever readable by the partner.
"""

import json
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Couple, Membership
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.safety import screening
from attunement.safety.models import JournalEntry, Level, Risk, SafetyEvent, ScreenResult


class SafetyError(DomainError):
    """A safety write that cannot happen; the message is safe to show."""


def screen_items() -> list[dict[str, Any]]:
    return content.load("safety_screen")


def screen_is_at_risk(answers: dict[str, int]) -> bool:
    """Any item at risk puts the whole screen at risk (docs/content.md)."""
    return any(content.screen_item_at_risk(item, answers[item["id"]]) for item in screen_items())


@transaction.atomic
def submit_screen(*, user: User, answers: dict[str, int]) -> ScreenResult:
    """Store one person's private screen. `answers` maps every item id, and only those, to 0..3."""
    ids = [item["id"] for item in screen_items()]
    unknown = sorted(set(answers) - set(ids))
    if unknown:
        raise InvalidInput(f"Unknown items: {', '.join(unknown[:5])}")
    if any(i not in answers for i in ids):
        raise InvalidInput("Please answer every question.")
    if any(not 0 <= int(answers[i]) <= 3 for i in ids):
        raise InvalidInput("Answers run from 0 (never) to 3 (often).")
    at_risk = screen_is_at_risk(answers)
    kept = {item["id"]: int(answers[item["id"]]) for item in screen_items()}
    return ScreenResult.objects.create(
        owner=user, couple=access.current_couple(user), at_risk=at_risk, answers=json.dumps(kept)
    )


@transaction.atomic
def skip_screen(*, user: User) -> ScreenResult:
    """Remember a "not now" on the Today prompt, so the prompt stays away in this couple."""
    return ScreenResult.objects.create(owner=user, couple=access.current_couple(user), skipped=True)


def latest_answered_screen(user: User) -> ScreenResult | None:
    return ScreenResult.objects.filter(owner=user, skipped=False).first()


def has_screen_in_current_couple(user: User) -> bool:
    return access.current_couple(user) is not None and screens_in_current_couple(user).exists()


def screens_in_current_couple(user: User) -> QuerySet[ScreenResult]:
    """The person's own screen answers in their current couple (none when not in one)."""
    couple = access.current_couple(user)
    if couple is None:
        return ScreenResult.objects.none()
    return ScreenResult.objects.filter(owner=user, couple=couple)


def couple_is_clear(couple: Couple) -> bool:
    """Whether every current member has answered the private screen and none's latest answer
    suggests risk. One query; `at_risk` is decrypted here because it is stored encrypted.

    "Not taken yet" and "at risk" give the same False on purpose: what a partner sees never
    turns because of the other's answers alone (docs/safety.md, "What the partner can infer").
    """
    latest = (
        ScreenResult.objects.filter(owner=OuterRef("user_id"), skipped=False)
        .order_by("-created_at", "-id")
        .values("at_risk")[:1]
    )
    members = Membership.objects.filter(couple=couple, left_at__isnull=True).annotate(
        latest_at_risk=Subquery(latest, output_field=ScreenResult._meta.get_field("at_risk"))
    )
    answers = list(members.values_list("latest_at_risk", flat=True))
    return len(answers) == 2 and all(at_risk is False for at_risk in answers)


def record_event(
    *, user: User, kind: str, score: float, where: str, level: str = Level.CLEAR
) -> SafetyEvent:
    """Remember that something flagged, without any of the text."""
    if kind not in Risk.values or level not in Level.values:
        raise SafetyError(f"Unknown risk kind or level {kind!r} {level!r}")
    return SafetyEvent.objects.create(
        writer=str(user.pk),
        kind=kind,
        level=level,
        score=max(0.0, min(1.0, float(score))),
        where=where[:60],
    )


def events_of(user: User, events: QuerySet[SafetyEvent] | None = None) -> list[SafetyEvent]:
    """The person's own events among `events` (all by default), newest first. The writer is
    stored encrypted, so this reads the rows and keeps the person's in Python: events are rare
    (only flagged writes), and callers narrow `events` by time where they can."""
    rows = SafetyEvent.objects.all() if events is None else events
    return [event for event in rows if event.writer == str(user.pk)]


def forget_events_of(user: User) -> int:
    """Delete the person's events (account deletion: there is no foreign key to cascade)."""
    ids = [event.pk for event in events_of(user)]
    SafetyEvent.objects.filter(pk__in=ids).delete()
    return len(ids)


# Event times are kept to the day, so "the last day" looks back two calendar days at most.
MISREAD_WITHIN = timedelta(days=2)


@transaction.atomic
def mark_misread(*, user: User) -> bool:
    """ "This isn't what I meant": the person's latest flag (of the last day) counts as a false
    alarm. Only that it happened is kept, for the host's count; nothing else changes."""
    now = timezone.now()
    recent = SafetyEvent.objects.select_for_update().filter(
        misread_at__isnull=True, created_at__gte=now - MISREAD_WITHIN
    )
    own = events_of(user, recent)
    if not own:
        return False
    latest = own[0]
    latest.misread_at = now
    latest.save(update_fields=["misread_at"])
    return True


def flag_counts(*, since: datetime) -> dict[str, int]:
    """For hosts: how many writes were flagged since `since`, by level, and how many the
    writers marked "this isn't what I meant". Counts only: no person, no text, no kind."""
    rows = SafetyEvent.objects.filter(created_at__gte=since)
    counts = {level: 0 for level in Level.values}
    for level, n in rows.values_list("level").annotate(n=Count("id")).order_by():
        counts[level] = n
    counts["misread"] = rows.filter(misread_at__isnull=False).count()
    return counts


@transaction.atomic
def write_journal_entry(*, user: User, text: str) -> JournalEntry:
    """A new private entry; blank text is refused and the text is screened."""
    # No couple: a journal entry belongs to the person, not to any relationship.
    entry = JournalEntry.objects.create(owner=user, text=require_text(text))
    screening.screen(user=user, text=entry.text, where="safety.journal")
    return entry


@transaction.atomic
def edit_journal_entry(*, entry: JournalEntry, text: str) -> JournalEntry:
    """Rewrite the owner's entry (load it with access.get_own_or_404); screened again."""
    entry.text = require_text(text)
    entry.save(update_fields=["text", "updated_at"])
    screening.screen(user=entry.owner, text=entry.text, where="safety.journal")
    return entry


def delete_journal_entry(*, entry: JournalEntry) -> None:
    entry.delete()
