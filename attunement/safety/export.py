"""What safety gives a person's export: their journal, their safety checks and the times the
text screen flagged their own writing (what kind, how sure, where; never anyone else's).

Safety data is only ever the person's own: these rows come from `own` and `events_of`, so a
partner's export can never hold them.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.export import Counts, Table, build
from attunement.safety.models import JournalEntry, SafetyEvent, ScreenResult
from attunement.safety.services import events_of

JOURNAL_FIELDS = ("text", "created_at")
JOURNAL = Table("journal", JournalEntry, JOURNAL_FIELDS, about="The private journal.")
CHECK_FIELDS = ("created_at", "skipped", "at_risk", "answers")
CHECKS = Table(
    "safety_checks", ScreenResult, CHECK_FIELDS, about="The private safety check; answers as JSON."
)
EVENT_FIELDS = ("created_at", "kind", "score", "where", "level", "misread_at")
EVENTS = Table(
    "flagged_writing",
    SafetyEvent,
    EVENT_FIELDS,
    about="When the text screen offered care after something the person wrote (never the text).",
)


class SafetyExport:
    section = "safety"
    tables: list[Table] = [JOURNAL, CHECKS, EVENTS]
    covers: tuple[str, ...] = ("safety.JournalEntry", "safety.ScreenResult", "safety.SafetyEvent")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        theirs = [event.pk for event in events_of(user)]
        return {
            "journal": JOURNAL.rows(
                access.own(user, JournalEntry.objects).order_by("created_at", "pk")
            ),
            "safety_checks": CHECKS.rows(
                ScreenResult.objects.filter(owner=user).order_by("created_at", "id")
            ),
            "flagged_writing": EVENTS.rows(
                SafetyEvent.objects.filter(pk__in=theirs).order_by("created_at", "id")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in rows.get("journal", []):
            build(JournalEntry, row, JOURNAL_FIELDS, owner=user).save()
            counts.restored["safety.journal"] += 1
        for row in rows.get("safety_checks", []):
            build(ScreenResult, row, CHECK_FIELDS, owner=user).save()
            counts.restored["safety.safety_checks"] += 1
        for row in rows.get("flagged_writing", []):
            build(SafetyEvent, row, EVENT_FIELDS, writer=str(user.pk)).save()
            counts.restored["safety.flagged_writing"] += 1
