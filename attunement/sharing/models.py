"""The daily question: what was served to whom, the sealed answers, and the reactions to them.

Questions themselves live in the `questions` catalogue (attunement/content/questions.toml); the
tables keep only their stable ids.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from attunement import content
from attunement.couples.models import Couple, OwnedContent, Visibility
from attunement.lib.crypto import EncryptedTextField

ANSWER_MAX = 2000
REPLY_MAX = 500
DEPTHS = ("light", "personal", "deep")


class Depth(models.TextChoices):
    LIGHT = "light", "Light: preferences, memories, play"
    PERSONAL = "personal", "Personal: hopes, values, what shaped me"
    DEEP = "deep", "Deep: fears, needs, the two of us"


def depth_rank(depth: str) -> int:
    return DEPTHS.index(depth)


class ServedQuestion(models.Model):
    """The question of one day: for a couple, or for one person answering on their own.

    A record of everything served, so that selection never repeats a question too early.
    `revealed_at` is set once, when both partners have answered (see services.submit_answer).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, models.CASCADE, null=True, blank=True, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, null=True, blank=True, related_name="+"
    )
    question_id = models.CharField(max_length=12)
    day = models.DateField()
    served_at = models.DateTimeField(default=timezone.now)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["couple", "day"],
                condition=Q(couple__isnull=False),
                name="one_question_per_couple_day",
            ),
            models.UniqueConstraint(
                fields=["person", "day"],
                condition=Q(person__isnull=False),
                name="one_question_per_solo_day",
            ),
            models.CheckConstraint(
                condition=Q(couple__isnull=True) ^ Q(person__isnull=True),
                name="served_to_couple_or_person",
            ),
        ]

    @property
    def question(self) -> dict[str, str]:
        return content.get("questions", self.question_id) or {
            "id": self.question_id,
            "depth": "light",
            "theme": "",
            "text": "(This question was retired.)",
        }

    @property
    def text(self) -> str:
        return self.question["text"]

    @property
    def depth(self) -> str:
        return self.question["depth"]

    @property
    def theme_label(self) -> str:
        return content.themes().get(self.question["theme"], "")

    @property
    def is_revealed(self) -> bool:
        return self.revealed_at is not None

    @property
    def is_solo(self) -> bool:
        return self.couple_id is None


class Answer(OwnedContent):
    """One person's answer to a served question (or their skip, which carries no text).

    In a couple it is sealed: the privacy gate shows it to the partner only once revealed_at is
    set. Alone, it is a private journal entry, which its author may later share.
    """

    served = models.ForeignKey(ServedQuestion, models.CASCADE, related_name="answers")
    text = EncryptedTextField(blank=True)
    skipped = models.BooleanField(default=False)
    revealed_at = models.DateTimeField(null=True, blank=True)
    favourite = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["served", "owner"], name="one_answer_per_person")
        ]

    def can_be_shared(self, *, is_today: bool) -> bool:
        """A journal entry, or a sealed answer whose day passed without a reveal."""
        if self.skipped or self.visibility == Visibility.SHARED:
            return False
        if self.visibility == Visibility.PRIVATE:
            return True
        return self.revealed_at is None and not is_today


class Reaction(OwnedContent):
    """A partner's response to a revealed answer: a quick reaction, a short reply, or both."""

    KINDS = {
        "tell_me_more": "Tell me more",
        "moved": "This moves me",
        "love_knowing": "I love knowing this about you",
        "thank_you": "Thank you for sharing this",
        "with_you": "I'm with you",
    }

    answer = models.ForeignKey(Answer, models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=16, blank=True)
    reply = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "owner"], name="one_reaction_per_person")
        ]

    @property
    def kind_text(self) -> str:
        return self.KINDS.get(self.kind, "")


class ComfortSetting(models.Model):
    """How deep one person is willing to go. Never shown to the partner."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    ceiling = models.CharField(max_length=8, choices=Depth.choices, default=Depth.DEEP)
    updated_at = models.DateTimeField(auto_now=True)
