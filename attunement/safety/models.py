"""Safety data: private to its owner, always, and kept apart from everything a partner can read.

None of these rows carries a couple-visible flag: they are read only through `own()` (the
owner's rows) and through the two functions in hooks.py, which answer yes or no and never say
who or why. Nothing here is registered in the admin.
"""

import json
import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from attunement.couples.models import Couple, OwnedContent, Visibility
from attunement.lib.crypto import EncryptedBooleanField, EncryptedTextField

JOURNAL_MAX = 10_000


class Risk(models.TextChoices):
    SELF_HARM = "self_harm", "Self-harm"
    HARM_TO_OTHERS = "harm_to_others", "Harm to others"
    ABUSE = "abuse", "Abuse"


class Level(models.TextChoices):
    """How sure the screen is: `clear` shows the care card, `possible` only a quiet line."""

    CLEAR = "clear", "Care card"
    POSSIBLE = "possible", "Quiet line"


class ScreenResult(models.Model):
    """One private safety screen: the answers (encrypted) and whether any suggests risk.

    A "not now" on the Today prompt is stored as a skipped row without answers, so the prompt
    does not come back; skipped rows never count for gating.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    # The couple the person was in when answering: the Today prompt comes back in a new couple.
    couple = models.ForeignKey(Couple, models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    skipped = models.BooleanField(default=False)
    # Encrypted: a leaked database file must not say who answered "at risk" (never filter on it).
    at_risk = EncryptedBooleanField(default=False)
    answers = EncryptedTextField(blank=True)  # JSON {item id: 0..3}

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def answer_map(self) -> dict[str, int]:
        return json.loads(self.answers) if self.answers else {}

    def to_dict(self) -> dict[str, Any]:
        """What its owner sees of a screen (API and page): the answers themselves stay out."""
        from attunement import content
        from attunement.safety import care

        texts = content.screen_texts()
        return {
            "uuid": self.uuid,
            "created_at": self.created_at,
            "at_risk": self.at_risk,
            "message": texts["at_risk"] if self.at_risk else texts["all_clear"],
            "resources": (
                care.resources(kind=Risk.ABUSE, time_zone=self.owner.time_zone)
                if self.at_risk
                else []
            ),
        }


def start_of_day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def start_of_today() -> datetime:
    return start_of_day(timezone.now())


class SafetyEvent(models.Model):
    """Free text that the safety analyzer flagged. Never the text itself: what, how sure, where.

    Who was flagged is not in plain sight: `writer` holds the person's id encrypted (no foreign
    key), and the time is kept to the day, so a leaked database file can neither name the person
    nor match the event to the text they saved at that moment. Read through
    `safety.services.events_of(user)`.
    """

    writer = EncryptedTextField()
    created_at = models.DateTimeField(default=start_of_today)
    kind = models.CharField(max_length=16, choices=Risk.choices)
    score = models.FloatField()
    where = models.CharField(max_length=60, blank=True)  # the write, e.g. "support.check_in"
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.CLEAR)
    # The writer said "this isn't what I meant": a false alarm, counted for hosts, never shown.
    misread_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def owner_id(self) -> int | None:
        return int(self.writer) if self.writer else None

    @property
    def owner(self) -> Any:
        from django.contrib.auth import get_user_model

        return get_user_model().objects.filter(pk=self.owner_id or 0).first()

    @owner.setter
    def owner(self, user: Any) -> None:
        """`SafetyEvent(owner=person)` seals the person's id into `writer`."""
        self.writer = str(user.pk)


class JournalEntry(OwnedContent):
    """A private journal entry: only ever readable by the person who wrote it."""

    # Overrides the inherited default: a journal entry is private, and a constraint keeps it so.
    visibility = models.CharField(
        max_length=8, choices=Visibility.choices, default=Visibility.PRIVATE, editable=False
    )
    text = EncryptedTextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility=Visibility.PRIVATE), name="journal_entries_are_private"
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "text": self.text,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
