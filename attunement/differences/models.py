from typing import Any

from django.conf import settings
from django.db import models

from attunement.accounts.models import User
from attunement.couples.models import OwnedContent, Visibility
from attunement.differences import scoring

# Who a guess is about, once that person deleted their account.
DELETED_ACCOUNT = "your former partner"


class ProfileVisibility(models.TextChoices):
    """Who sees a profile: the person chooses; a profile is never sealed."""

    PRIVATE = Visibility.PRIVATE.value, "Just me"
    SHARED = Visibility.SHARED.value, "Shared with my partner"


class StyleTake(OwnedContent):
    """One take of the emotional-style self-assessment. Answers fill in one screen at a time;
    `completed_at` is set, and `scores` computed, once every statement is answered. Retakes are
    new rows: history is kept. Private until the person shares their profile."""

    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "completed_at"])]

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    def to_dict(self, reader: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "owner": self.owner.name,
            "mine": self.owner_id == reader.pk,
            "completed_at": self.completed_at,
            "visibility": self.visibility,
            "scores": [
                {
                    "scale": scale.id,
                    "title": scale.title,
                    "score": self.scores[scale.id],
                    "band": scoring.band(self.scores[scale.id]),
                    "explanation": scale.explain(self.scores[scale.id]),
                }
                for scale in scoring.scales().values()
                if scale.id in self.scores
            ],
        }


class StyleGuess(OwnedContent):
    """One person's guess of their partner's style: a 1..7 answer per scale. Sealed until both
    partners have taken the self-assessment and guessed; then revealed to both, and fixed."""

    # None once the person guessed about deleted their account; the guesser keeps the guess.
    about = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    scores = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "couple"], name="one_style_guess_per_couple")
        ]

    def to_dict(self, reader: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "owner": self.owner.name,
            "about": self.about.name if self.about else DELETED_ACCOUNT,
            "mine": self.owner_id == reader.pk,
            "scores": self.scores,
            "revealed": self.revealed_at is not None,
        }


class CardTalk(OwnedContent):
    """The couple talked about one difference card (`card_id` from `difference_cards`) on one
    day: who marked it (`owner`) and the day on their clock. Shared with the partner, since
    they were both there; holds no words. At most one a card a day per couple."""

    card_id = models.CharField(max_length=8)
    talked_on = models.DateField()

    class Meta:
        ordering = ["-talked_on", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "card_id", "talked_on"], name="one_card_talk_a_day"
            )
        ]
