"""Cultivating empathy: "How am I feeling?" rounds, the partner-knowledge quiz and
perspective-taking after a disagreement.

Every guess, answer and story is sealed (visibility `sealed`, `revealed_at` unset) until both
sides are in; the privacy gate (couples/access.py) shows the partner nothing of it before.
Quiz items live in the `partner_quiz` catalogue; the tables keep only their stable ids.
"""

import json
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from attunement import content
from attunement.content import feelings
from attunement.couples.models import Couple, OwnedContent
from attunement.empathy.accuracy import percent
from attunement.lib.crypto import EncryptedTextField

BECAUSE_MAX = 500
TEXT_ANSWER_MAX = 200
STORY_MAX = 3000
MISSED_MAX = 1000
TOPIC_MAX = 120
MAX_FEELINGS = 5
CURRENT_DAYS = 7  # answers to "this week" items expire after a week
SCALE = [MinValueValidator(1), MaxValueValidator(5)]

# The feelings as choices for forms and API schemas (the stubs know only the enum-style call).
FeelingId = models.TextChoices(  # type: ignore[call-overload]
    "FeelingId", [(f.id.upper(), (f.id, f.label)) for g in feelings.GROUPS for f in g.feelings]
)


class FeelingRound(OwnedContent):
    """One person's feelings right now, for their partner to guess. Sealed until the guess."""

    feelings = models.JSONField(default=list)
    intensity = models.PositiveSmallIntegerField(validators=SCALE)
    because = EncryptedTextField(blank=True)
    from_check_in = models.BooleanField(default=False)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def feeling_labels(self) -> list[str]:
        return feelings.labels(self.feelings)

    def readable_by(self, reader: Any) -> bool:
        """Whether `reader` may see the feelings: the owner always, the partner once revealed.
        (Load the round through access.feeling_rounds.)"""
        return self.owner_id == reader.pk or self.revealed_at is not None

    def guess_or_none(self) -> "FeelingGuess | None":
        try:
            return self.guess if self.revealed_at is not None else None
        except FeelingGuess.DoesNotExist:
            return None

    def to_dict(self, reader: Any) -> dict[str, Any]:
        """The round as `reader` sees it: before the reveal the partner gets who and when only."""
        readable = self.readable_by(reader)
        guess = self.guess_or_none()
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == reader.pk,
            "created_at": self.created_at,
            "from_check_in": self.from_check_in,
            "revealed": self.revealed_at is not None,
            "feelings": list(self.feelings) if readable else [],
            "feeling_labels": self.feeling_labels() if readable else [],
            "intensity": self.intensity if readable else None,
            "because": self.because if readable else "",
            "guess": guess.to_dict(reader) if guess is not None else None,
        }


class FeelingGuess(OwnedContent):
    """The partner's guess at a round: feelings and intensity, and the accuracy at the reveal."""

    # None once the round's writer deleted their account; the guess and its accuracy stay
    # in the guesser's history.
    round = models.OneToOneField(
        FeelingRound, models.SET_NULL, null=True, blank=True, related_name="guess"
    )
    feelings = models.JSONField(default=list)
    intensity = models.PositiveSmallIntegerField(validators=SCALE)
    accuracy = models.FloatField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def feeling_labels(self) -> list[str]:
        return feelings.labels(self.feelings)

    @property
    def accuracy_percent(self) -> int | None:
        return None if self.accuracy is None else percent(self.accuracy)

    def to_dict(self, reader: Any) -> dict[str, Any]:
        return {
            "author": self.owner.name,
            "mine": self.owner_id == reader.pk,
            "feelings": list(self.feelings),
            "feeling_labels": self.feeling_labels(),
            "intensity": self.intensity,
            "accuracy": self.accuracy_percent,
        }


class QuizKind(models.TextChoices):
    CHOICE = "choice", "Choose one"
    TEXT = "text", "A few words"
    RANKING = "ranking", "Put in order"


class EntryKind(models.TextChoices):
    ANSWER = "answer", "Answer about myself"
    GUESS = "guess", "Guess about my partner"


class Marked(models.TextChoices):
    """How the person answered about marks a guess at a text answer."""

    NONE = "", "Not marked yet"
    MATCH = "match", "That's it"
    CLOSE = "close", "Close"
    MISS = "miss", "Not quite"


def quiz_item(item_id: str) -> dict[str, Any]:
    return content.get("partner_quiz", item_id) or {
        "id": item_id,
        "topic": "",
        "answer": "text",
        "text": "(This question was retired.)",
    }


def expiry_for(item_id: str, now: Any) -> Any:
    """When an answer to this item stops being current: a week for "this week" items."""
    return now + timedelta(days=CURRENT_DAYS) if quiz_item(item_id).get("current") else None


class SelfAnswer(OwnedContent):
    """What one person says about themself for one quiz item: private, kept ready for when a
    partner joins (or the next round about it), updatable as they change."""

    item_id = models.CharField(max_length=8)
    value = EncryptedTextField()  # JSON: a string, or a list for a ranking
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "item_id"], name="one_self_answer_per_item")
        ]

    @property
    def answer(self) -> Any:
        return json.loads(self.value)

    def is_current(self, now: Any = None) -> bool:
        return self.expires_at is None or self.expires_at > (now or timezone.now())


class QuizRound(models.Model):
    """One quiz question for a couple, about one of them (`subject`). The subject's answer and
    the partner's guess (QuizEntry) stay sealed until both are in; `revealed_at` is set then."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    couple = models.ForeignKey(Couple, models.CASCADE, related_name="+")
    # None once the subject deleted their account: their answer goes, the partner's guess stays.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    item_id = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    revealed_at = models.DateTimeField(null=True, blank=True)
    match = models.FloatField(null=True, blank=True)  # 0..1 at the reveal; None until marked
    marked = models.CharField(max_length=8, blank=True, choices=Marked.choices)

    class Meta:
        ordering = ["-created_at"]

    @property
    def item(self) -> dict[str, Any]:
        return quiz_item(self.item_id)

    @property
    def text(self) -> str:
        return str(self.item["text"])

    @property
    def kind(self) -> str:
        return str(self.item["answer"])

    @property
    def topic_label(self) -> str:
        return content.quiz_topics().get(self.item["topic"], "")

    def expires_at(self) -> Any:
        return self.created_at + timedelta(days=CURRENT_DAYS) if self.item.get("current") else None

    def is_expired(self, now: Any = None) -> bool:
        ends = self.expires_at()
        return self.revealed_at is None and ends is not None and ends <= (now or timezone.now())

    def to_dict(self, reader: Any, entries: list["QuizEntry"]) -> dict[str, Any]:
        """The round as `reader` sees it, with the entries the gate let through (`visible`):
        their own side, and the other side only once revealed."""
        own = next((e for e in entries if e.owner_id == reader.pk), None)
        other = next((e for e in entries if e.owner_id != reader.pk), None)
        return {
            "uuid": self.uuid,
            "item_id": self.item_id,
            "text": self.text,
            "topic": self.item["topic"],
            "topic_label": self.topic_label,
            "kind": self.kind,
            "options": list(self.item.get("options", [])),
            "about_me": self.subject_id == reader.pk,
            "created_at": self.created_at,
            "expired": self.is_expired(),
            "revealed": self.revealed_at is not None,
            "mine": own.answer if own else None,
            "theirs": other.answer if other is not None and self.revealed_at else None,
            "match": None if self.match is None else round(100 * self.match),
            "marked": self.marked,
        }


class QuizEntry(OwnedContent):
    """The subject's answer or the partner's guess in one round; sealed until both are in."""

    round = models.ForeignKey(QuizRound, models.CASCADE, related_name="entries")
    kind = models.CharField(max_length=8, choices=EntryKind.choices)
    value = EncryptedTextField()  # JSON, as SelfAnswer.value
    revealed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["round", "kind"], name="one_entry_per_side")]

    @property
    def answer(self) -> Any:
        return json.loads(self.value)

    @property
    def shown(self) -> str:
        value = self.answer
        return " → ".join(value) if isinstance(value, list) else str(value)


class Disagreement(OwnedContent):
    """A disagreement the couple will each tell from the other's side (shared, not sealed: it
    names the topic only)."""

    topic = EncryptedTextField()
    stories_revealed_at = models.DateTimeField(null=True, blank=True)
    ratings_revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def to_dict(
        self, reader: Any, stories: list["Story"], ratings: list["StoryRating"]
    ) -> dict[str, Any]:
        """As `reader` sees it, with the stories and ratings the gate let through (`visible`)."""
        by_story = {r.story_id: r for r in ratings}

        def story(s: "Story") -> dict[str, Any]:
            rating = by_story.get(s.pk)
            return {
                "uuid": s.uuid,
                "author": s.owner.name,
                "mine": s.owner_id == reader.pk,
                "text": s.text,
                "revealed": s.revealed_at is not None,
                "rating": None
                if rating is None
                else {
                    "captured": rating.captured,
                    "missed": rating.missed,
                    "mine": rating.owner_id == reader.pk,
                },
            }

        return {
            "uuid": self.uuid,
            "topic": self.topic,
            "started_by": self.owner.name,
            "created_at": self.created_at,
            "stories_revealed": self.stories_revealed_at is not None,
            "ratings_revealed": self.ratings_revealed_at is not None,
            "stories": [story(s) for s in stories],
        }


class Story(OwnedContent):
    """What one partner thinks the disagreement was like for the other. Sealed until both
    stories are in; then the other rates it."""

    # None once the disagreement's writer deleted their account; the story stays its writer's.
    disagreement = models.ForeignKey(
        Disagreement, models.SET_NULL, null=True, blank=True, related_name="stories"
    )
    text = EncryptedTextField()
    revealed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["disagreement", "owner"], name="one_story_each")
        ]


class StoryRating(OwnedContent):
    """How well the partner's story captured my side (1-5), and what it missed. Sealed until
    both have rated."""

    # None once the rated story's writer deleted their account; the rating stays its writer's.
    story = models.OneToOneField(
        Story, models.SET_NULL, null=True, blank=True, related_name="rating"
    )
    captured = models.PositiveSmallIntegerField(validators=SCALE)
    missed = EncryptedTextField(blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
