"""The daily question: what was served to whom, the sealed answers, and the reactions to them.

Questions themselves live in the `questions` catalogue (attunement/content/questions.toml); the
tables keep only their stable ids.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
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


class QuestionState(models.TextChoices):
    """Where one person stands with a served question (ServedQuestion.state_for)."""

    ANSWER = "answer", "Today's question, not answered yet"
    WAITING = "waiting", "Answered and sealed, until both have answered"
    REVEALED = "revealed", "Both answered: both answers are readable"
    SKIPPED = "skipped", "Skipped, no reason asked"
    JOURNAL = "journal", "Answered alone, in the private journal"
    CLOSED = "closed", "Its day passed without a reveal"
    MISSED = "missed", "Its day passed without an answer"


class ReactionKind(models.TextChoices):
    NONE = "", "No quick reaction"
    TELL_ME_MORE = "tell_me_more", "Tell me more"
    MOVED = "moved", "This moves me"
    LOVE_KNOWING = "love_knowing", "I love knowing this about you"
    THANK_YOU = "thank_you", "Thank you for sharing this"
    WITH_YOU = "with_you", "I'm with you"


@dataclass(frozen=True)
class Reading:
    """A served question as one person sees it; the pages and the API both start from this.

    `own` is their own row (a skip included), `partners` the partner's answers the gate lets
    through (none while sealed), `state` where they stand.
    """

    own: "Answer | None"
    partners: list["Answer"]
    state: QuestionState
    is_today: bool

    @property
    def favourite(self) -> bool:
        return bool(self.own and not self.own.skipped and self.own.favourite)

    @property
    def can_answer(self) -> bool:
        """Whether they may still write (or change) their answer: today, before the reveal."""
        return self.is_today and self.state in (
            QuestionState.ANSWER,
            QuestionState.WAITING,
            QuestionState.JOURNAL,
            QuestionState.SKIPPED,
        )


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

    # Not columns: what access.with_readable_answers prefetches for one reader.
    readable_answers: list["Answer"]
    own_rows: list["Answer"]

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

    def state_for(self, own: "Answer | None", *, is_today: bool) -> QuestionState:
        """Where the person whose own row is `own` stands. It depends only on their own row and
        on the reveal, never on whether the partner answered: that is the seal."""
        if self.is_revealed:
            return QuestionState.REVEALED
        if own is not None and own.skipped:
            return QuestionState.SKIPPED
        if own is None:
            return QuestionState.ANSWER if is_today else QuestionState.MISSED
        if self.is_solo:
            return QuestionState.JOURNAL
        return QuestionState.WAITING if is_today else QuestionState.CLOSED

    def reading_for(self, user: User, *, is_today: bool) -> Reading:
        """This question as `user` sees it. Needs the gate's prefetch
        (access.with_readable_answers): `readable_answers` and `own_rows`."""
        readable = self.readable_answers
        own = next((a for a in readable if a.owner_id == user.pk), None)
        if own is None:
            own = next(iter(self.own_rows), None)
        partners = [a for a in readable if a.owner_id != user.pk]
        return Reading(own, partners, self.state_for(own, is_today=is_today), is_today)

    def to_dict(self, for_user: User, *, is_today: bool) -> dict[str, Any]:
        """The API's view of this question for `for_user` (same prefetch as reading_for)."""
        reading = self.reading_for(for_user, is_today=is_today)
        return {
            "uuid": self.uuid,
            "question_id": self.question_id,
            "text": self.text,
            "depth": self.depth,
            "theme": self.question["theme"],
            "day": self.day,
            "state": reading.state,
            "favourite": reading.favourite,
            "answers": [a.to_dict(for_user) for a in self.readable_answers],
        }


def question_ids(theme: str) -> list[str] | None:
    """The catalogue ids of the questions of `theme`; None (no filter) for no theme."""
    if not theme:
        return None
    # Retired questions too: history filtered by theme still shows what was answered.
    return [q["id"] for q in content.load_all("questions") if q["theme"] == theme]


def depth_counts(served: QuerySet[ServedQuestion]) -> dict[str, int]:
    """How many of `served` there are per depth (of the question in the catalogue)."""
    counts = dict.fromkeys(DEPTHS, 0)
    for row in served.values("question_id").annotate(n=Count("pk")):
        entry = content.get("questions", row["question_id"])
        if entry:
            counts[entry["depth"]] += row["n"]
    return counts


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

    # Not a column: what access.with_reactions prefetches for one reader.
    readable_reactions: list["Reaction"]

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

    def reaction_by(self, user: User) -> "Reaction | None":
        """`user`'s own reaction to this answer, among those the gate prefetched."""
        return next((r for r in self.readable_reactions if r.owner_id == user.pk), None)

    def to_dict(self, for_user: User) -> dict[str, Any]:
        """The API's view of an answer `for_user` may read (the gate decided that), with the
        reactions the gate prefetched into `readable_reactions`."""
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == for_user.pk,
            "text": self.text,
            "shared": self.visibility == Visibility.SHARED,
            "revealed_at": self.revealed_at,
            "reactions": [r.to_dict(for_user) for r in self.readable_reactions],
        }


class Reaction(OwnedContent):
    """A partner's response to a revealed answer: a quick reaction, a short reply, or both."""

    # None once the answer's writer deleted their account; the reply stays with its writer.
    answer = models.ForeignKey(
        Answer, models.SET_NULL, null=True, blank=True, related_name="reactions"
    )
    kind = models.CharField(max_length=16, blank=True, choices=ReactionKind.choices)
    reply = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "owner"], name="one_reaction_per_person")
        ]

    @property
    def kind_text(self) -> str:
        return self.get_kind_display() if self.kind else ""

    def to_dict(self, for_user: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "author": self.owner.name,
            "mine": self.owner_id == for_user.pk,
            "kind": self.kind,
            "kind_text": self.kind_text,
            "reply": self.reply,
            "created_at": self.created_at,
        }


class ComfortSetting(models.Model):
    """How deep one person is willing to go. Never shown to the partner."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    ceiling = models.CharField(max_length=8, choices=Depth.choices, default=Depth.DEEP)
    updated_at = models.DateTimeField(auto_now=True)
