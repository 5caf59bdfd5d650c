"""Quality time together: private swipes on the activities catalogue, plans, and the memories
written afterwards (sealed until both partners have written theirs).

Activities live in the `activities` catalogue (attunement/content/activities.toml); the tables
keep only their stable ids.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples.models import Couple, OwnedContent
from attunement.lib.crypto import EncryptedTextField

HIGHLIGHT_MAX = 1000
PLACE_MAX = 200
NOTE_MAX = 500
RETIRED = "(This activity was retired.)"


class Choice(models.TextChoices):
    YES = "yes", "Yes"
    MAYBE = "maybe", "Maybe"
    NO = "no", "No"


def activity(activity_id: str) -> dict[str, Any]:
    """The catalogue entry, or a stand-in when it was retired (history keeps its place)."""
    return content.get("activities", activity_id) or {"id": activity_id, "text": RETIRED}


class Swipe(OwnedContent):
    """One person's yes, maybe or no to one activity, in their couple. Always private: the
    partner only ever learns of a match (access.mutual_choices), never of a no."""

    activity_id = models.CharField(max_length=8)
    choice = models.CharField(max_length=5, choices=Choice.choices)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "couple", "activity_id"], name="one_swipe_per_activity"
            )
        ]


def format_when(moment: datetime, user: User) -> str:
    """`moment` in `user`'s own time zone, e.g. "Sat 20 Jun 2026, 19:00"."""
    local = moment.astimezone(user.tz)
    return local.strftime("%a %-d %b %Y, %H:%M")


class Plan(OwnedContent):
    """A date together: an activity at a moment (stored in UTC), with an optional place and
    note. Shared with the partner. `day_before_at` and `hour_before_at` are when the next
    reminders fall due; the worker claims each by clearing it (reminders.py)."""

    activity_id = models.CharField(max_length=8)
    starts_at = models.DateTimeField(db_index=True)
    minutes = models.PositiveSmallIntegerField(default=120)
    # The planner's zone when planning: the day-before reminder keeps its wall-clock time there.
    time_zone = models.CharField(max_length=64, default="UTC")
    place = EncryptedTextField(blank=True)
    note = EncryptedTextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Who cancelled it, so the other partner is told in the app (never by email).
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sequence = models.PositiveIntegerField(default=0)
    day_before_at = models.DateTimeField(null=True, blank=True, db_index=True)
    hour_before_at = models.DateTimeField(null=True, blank=True, db_index=True)
    memory_revealed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Not a column: what access.visible lets this reader see, prefetched (with_highlights).
    readable_highlights: list["Highlight"]

    class Meta:
        ordering = ["starts_at"]

    @property
    def activity(self) -> dict[str, Any]:
        return activity(self.activity_id)

    @property
    def text(self) -> str:
        return str(self.activity["text"])

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def when_for(self, user: User) -> str:
        return format_when(self.starts_at, user)

    def to_dict(self, for_user: User) -> dict[str, Any]:
        """The API's view of a plan `for_user` may read (the gate decided that)."""
        highlights = getattr(self, "readable_highlights", [])
        return {
            "uuid": self.uuid,
            "activity_id": self.activity_id,
            "text": self.text,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "local_start": self.starts_at.astimezone(for_user.tz).isoformat(),
            "time_zone": for_user.tz.key,
            "place": self.place,
            "note": self.note,
            "planned_by": self.owner.name,
            "cancelled": self.is_cancelled,
            "cancelled_by": self.cancelled_by.name if self.cancelled_by else None,
            "memory_revealed": self.memory_revealed_at is not None,
            "highlights": [h.to_dict(for_user) for h in highlights],
        }


class Highlight(OwnedContent):
    """Afterwards: one partner's highlight of a plan and how connected they felt (1-5).
    Sealed until both have written theirs; then revealed together as a memory."""

    # None once the plan's maker deleted their account; the memory stays its writer's.
    plan = models.ForeignKey(
        Plan, models.SET_NULL, null=True, blank=True, related_name="highlights"
    )
    text = EncryptedTextField()
    connection = models.PositiveSmallIntegerField()
    revealed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "owner"], name="one_highlight_per_person"),
            models.CheckConstraint(
                condition=Q(connection__gte=1, connection__lte=5), name="connection_1_to_5"
            ),
        ]

    def to_dict(self, for_user: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == for_user.pk,
            "text": self.text,
            "connection": self.connection,
            "revealed": self.revealed_at is not None,
        }


class CoupleFilters(models.Model):
    """What the couple wants suggestions to fit: the most they want to spend and to exert, and
    where (at home, out, at a distance). Either partner may change them."""

    couple = models.OneToOneField(Couple, models.CASCADE, related_name="+")
    max_cost = models.CharField(max_length=8, default="splurge")
    max_energy = models.CharField(max_length=8, default="high")
    places = models.CharField(max_length=32, default="home,out,distance")
    updated_at = models.DateTimeField(auto_now=True)


class Preferences(models.Model):
    """One person's own settings for time together. Never shown to the partner."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    reminders = models.BooleanField(default=True)
    reminder_details = models.BooleanField(default=False)
    feed_details = models.BooleanField(default=False)


class CalendarFeed(models.Model):
    """A private calendar address for one person. The address carries a secret token: only
    its SHA-256 is looked up; the token itself is kept encrypted so the person can copy the
    address again. Revoking it makes the address answer 404 for good."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    token = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)


# How each tag value reads on a page.
LABELS: dict[str, dict[str, str]] = {
    "novelty": {"familiar": "Familiar", "fresh": "A fresh twist", "new": "Brand new"},
    "energy": {"low": "Low energy", "medium": "Some energy", "high": "Lots of energy"},
    "cost": {"free": "Free", "low": "Low cost", "medium": "Mid cost", "splurge": "A splurge"},
    "time": {
        "short": "Under an hour",
        "evening": "An evening",
        "half_day": "Half a day",
        "day": "A whole day",
    },
    "place": {"home": "At home", "out": "Out", "distance": "Works at a distance"},
    "season": {"any": "", "warm": "Warm weather", "cold": "Cold weather", "fair": "Dry weather"},
    "kind": {k: k.capitalize() for k in content.ACTIVITY_TAGS["kind"]},
}


def tags_of(entry: dict[str, Any]) -> list[str]:
    """The activity's tags as short phrases, for the card and the lists."""
    return [
        LABELS[tag][entry[tag]]
        for tag in ("kind", "place", "time", "cost", "energy", "novelty", "season")
        if entry.get(tag) in LABELS[tag] and LABELS[tag][entry[tag]]
    ]
