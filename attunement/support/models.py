from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import OwnedContent, Visibility
from attunement.lib.crypto import EncryptedTextField
from attunement.support import feelings
from attunement.support.needs import Need, QuickResponse

NOTE_MAX = 2000
MESSAGE_MAX = 500
MAX_FEELINGS = 5
SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class CheckInVisibility(models.TextChoices):
    """Who sees a check-in: a check-in is never sealed."""

    SHARED = Visibility.SHARED.value, "Share with my partner"
    PRIVATE = Visibility.PRIVATE.value, "Keep it just for me"


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def with_responses_for(self, reader: User) -> "CheckInQuerySet":
        """With the owner and the responses `reader` may see (through the gate), as `to_dict`
        needs them. Filter the check-ins themselves through the gate too."""
        responses = access.visible(reader, Response.objects).select_related("owner")
        # The django-stubs plugin adds `to_attr` to the model again although CheckIn declares it.
        return self.select_related("owner").prefetch_related(
            Prefetch("responses", queryset=responses, to_attr="visible_responses")  # type: ignore[no-redef]
        )


class CheckIn(OwnedContent):
    """One person's daily check-in: how they feel and what they need today."""

    local_date = models.DateField()
    feelings = models.JSONField(default=list)
    intensity = models.PositiveSmallIntegerField(validators=SCALE)
    energy = models.PositiveSmallIntegerField(validators=SCALE)
    need = models.CharField(max_length=12, choices=Need.choices)
    note = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    turned_toward_at = models.DateTimeField(null=True, blank=True)

    objects = CheckInQuerySet.as_manager()
    # Not a column: what CheckInQuerySet.with_responses_for prefetches for one reader.
    visible_responses: list["Response"]

    class Meta:
        ordering = ["-local_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "local_date"], name="one_checkin_per_local_day"
            )
        ]
        indexes = [models.Index(fields=["couple", "local_date"])]

    def feeling_labels(self) -> list[str]:
        return feelings.labels(self.feelings)

    def is_shared(self) -> bool:
        return self.visibility == "shared"

    def partner_sees(self, current_couple_id: int | None) -> bool:
        """Whether anyone but the owner can read it now: shared, and written in the couple the
        owner is in today (a check-in written alone, or before leaving, is theirs alone)."""
        return (
            self.is_shared() and self.couple_id is not None and self.couple_id == current_couple_id
        )

    @property
    def turned_toward(self) -> bool:
        return self.turned_toward_at is not None

    def time_to_turn_toward(self) -> timedelta | None:
        return self.turned_toward_at - self.created_at if self.turned_toward_at else None

    def to_dict(self, reader: User) -> dict[str, Any]:
        """The check-in as `reader` sees it (API and pages). Load it with
        `CheckIn.objects.with_responses_for(reader)` so only their visible responses show."""
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == reader.pk,
            "local_date": self.local_date,
            "feelings": self.feelings,
            "feeling_labels": self.feeling_labels(),
            "intensity": self.intensity,
            "energy": self.energy,
            "need": self.need,
            "need_label": self.get_need_display(),
            "note": self.note,
            "visibility": self.visibility,
            "turned_toward_at": self.turned_toward_at,
            "responses": [r.to_dict(reader) for r in self.visible_responses],
        }


class Response(OwnedContent):
    """A partner turning toward a check-in: a quick response, a message, or both."""

    # None once the check-in's writer deleted their account: the response is the partner's
    # own writing and stays with them.
    check_in = models.ForeignKey(
        CheckIn, models.SET_NULL, null=True, blank=True, related_name="responses"
    )
    quick = models.CharField(max_length=24, blank=True)
    message = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    @property
    def quick_text(self) -> str:
        return QuickResponse(self.quick).label if self.quick in QuickResponse.values else ""

    def to_dict(self, reader: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == reader.pk,
            "quick": self.quick,
            "quick_text": self.quick_text,
            "message": self.message,
            "created_at": self.created_at,
        }


class Appreciation(OwnedContent):
    """A few words of appreciation for the partner; it shows on their Today."""

    # None once the recipient deleted their account; the writer keeps what they wrote.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = EncryptedTextField()

    class Meta:
        ordering = ["-created_at"]

    def to_dict(self, reader: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "to_me": self.recipient_id == reader.pk,
            "text": self.text,
            "created_at": self.created_at,
        }
