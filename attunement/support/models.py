from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from attunement.couples.models import OwnedContent
from attunement.lib.crypto import EncryptedTextField
from attunement.support import feelings
from attunement.support.needs import QUICK_RESPONSES, Need

NOTE_MAX = 2000
MESSAGE_MAX = 500
SCALE = [MinValueValidator(1), MaxValueValidator(5)]


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

    @property
    def turned_toward(self) -> bool:
        return self.turned_toward_at is not None

    def time_to_turn_toward(self) -> timedelta | None:
        return self.turned_toward_at - self.created_at if self.turned_toward_at else None


class Response(OwnedContent):
    """A partner turning toward a check-in: a quick response, a message, or both."""

    check_in = models.ForeignKey(CheckIn, models.CASCADE, related_name="responses")
    quick = models.CharField(max_length=24, blank=True)
    message = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["created_at"]

    @property
    def quick_text(self) -> str:
        return QUICK_RESPONSES.get(self.quick, "")


class Appreciation(OwnedContent):
    """A few words of appreciation for the partner; it shows on their Today."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    text = EncryptedTextField()

    class Meta:
        ordering = ["-created_at"]
