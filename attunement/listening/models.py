from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import OwnedContent
from attunement.lib.crypto import EncryptedTextField
from attunement.listening import machine

PIECE_MAX = 1500
TOPIC_MAX = 300
NOTE_MAX = 500
# Shown where the other person of a conversation has deleted their account.
FORMER_PARTNER = "Your former partner"


class Timer(models.IntegerChoices):
    NONE = 0, "No timer"
    TWO = 2, "2 minutes"
    THREE = 3, "3 minutes"
    FIVE = 5, "5 minutes"


class Mode(models.TextChoices):
    IN_PERSON = machine.IN_PERSON, "In person, sitting together with one device"
    TYPED = machine.TYPED, "Typed, each on our own device"


class State(models.TextChoices):
    SPEAKING = machine.SPEAKING, "Speaking"
    REFLECTING = machine.REFLECTING, "Reflecting"
    CONFIRMING = machine.CONFIRMING, "Confirming"
    RESPONDING = machine.RESPONDING, "Responding"
    PAUSED = machine.PAUSED, "Paused"
    ENDED = machine.ENDED, "Ended"


class Role(models.TextChoices):
    SPEAKER = machine.SPEAKER, "Speaker"
    LISTENER = machine.LISTENER, "Listener"


class Tap(models.TextChoices):
    """The steps of the in-person ritual, tapped on the one shared device."""

    PASS = machine.PASS, "Done speaking"
    YES = machine.YES, "That's it"
    NOT_QUITE = machine.NOT_QUITE, "Not quite"
    SWITCH = machine.SWITCH, "Switch roles"


class Level(models.TextChoices):
    LIGHT = "light", "Light"
    MEDIUM = "medium", "Medium"
    HARD = "hard", "Hard"
    OWN = "own", "Our own topic"


class Kind(models.TextChoices):
    PIECE = "piece", "Piece"
    REFLECTION = "reflection", "Reflection"
    CONFIRMATION = "confirmation", "Confirmation"
    RESPONSE = "response", "Response"
    SWITCH = "switch", "Roles switched"


class Verdict(models.TextChoices):
    YES = machine.YES, "Yes, that's it"
    PARTLY = machine.PARTLY, "Partly"
    NOT_QUITE = machine.NOT_QUITE, "Not quite"


class Helped(models.TextChoices):
    WORDS = "words", "They said back what I said"
    FEELING = "feeling", "They named my feeling"
    NO_REBUTTAL = "no_rebuttal", "No rebuttal or advice"
    PATIENCE = "patience", "They kept trying until they got it"
    VALIDATION = "validation", "They said it made sense"
    PACE = "pace", "The slow pace"
    FLOOR = "floor", "Taking turns with the floor"


class Conversation(OwnedContent):
    """A Speaker–Listener conversation between the two partners; `owner` started it.

    The ritual's rules live in listening.machine; the services claim each step with a
    conditional UPDATE on (state, step), so two devices posting at once cannot both succeed.

    Both people write in it, so deleting one account keeps the conversation for the other
    (`owner`, `partner` and `speaker` become None) while the deleted person's turns go.
    """

    # Unlike other OwnedContent, a conversation outlives its starter's account: mypy sees the
    # narrowed contract (owner may be None), which is the point.
    owner = models.ForeignKey(  # type: ignore[assignment]
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices)
    topic_id = models.CharField(max_length=12, blank=True)
    own_topic = EncryptedTextField(blank=True)
    level = models.CharField(max_length=8, choices=Level.choices)
    timer_minutes = models.PositiveSmallIntegerField(default=0, choices=Timer.choices)
    state = models.CharField(max_length=12, choices=State.choices, default=State.SPEAKING)
    paused_state = models.CharField(max_length=12, choices=State.choices, blank=True)
    step = models.PositiveIntegerField(default=0)
    speaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Whose move it is (typed mode only); None when paused, ended, or in person.
    turn_of = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attempt = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_notified_at = models.DateTimeField(null=True, blank=True)
    partner_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            models.Index(fields=["couple", "state"]),
            models.Index(fields=["turn_of", "state"]),
        ]

    def __str__(self) -> str:
        return f"Conversation {self.uuid}"

    @property
    def topic(self) -> dict[str, str]:
        """The catalogue entry, or the couple's own topic in the same shape."""
        if self.topic_id:
            entry = content.get("conversation_topics", self.topic_id)
            if entry:
                return entry
        return {
            "id": "",
            "level": Level.OWN,
            "title": self.own_topic or "Our own topic",
            "prompt": "",
        }

    @property
    def title(self) -> str:
        return self.topic["title"]

    def topic_for(self, reader: User) -> dict[str, str]:
        """The topic as `reader` may see it. The couple's own topic is words its starter wrote:
        once the couple has ended (or the starter's account is gone), the other person sees
        only "Our own topic", as with every other thing the former partner wrote."""
        topic = self.topic
        if self.own_topic and self.owner_id != reader.pk and not self.is_current_for(reader):
            return {**topic, "title": "Our own topic"}
        return topic

    def is_current_for(self, reader: User) -> bool:
        """Whether this conversation belongs to `reader`'s current couple."""
        couple = access.current_couple(reader)
        return couple is not None and couple.pk == self.couple_id and self.owner_id is not None

    @property
    def is_typed(self) -> bool:
        return self.mode == Mode.TYPED

    @property
    def couple_has_ended(self) -> bool:
        """After which each person reads only their own turns (see access.took_part_in)."""
        couple = self.couple  # None without a query when couple_id is None
        return couple is None or couple.ended_at is not None

    @property
    def is_closed(self) -> bool:
        """Ended, or its couple has ended (leaving a couple closes its conversations), or one
        of the two has deleted their account."""
        return (
            self.state == State.ENDED
            or self.couple_has_ended
            or self.owner_id is None
            or self.partner_id is None
        )

    @property
    def is_active(self) -> bool:
        return self.state in machine.ACTIVE and not self.is_closed

    def people(self) -> tuple[int | None, int | None]:
        return (self.owner_id, self.partner_id)

    def listener_id(self) -> int | None:
        return self.partner_id if self.speaker_id == self.owner_id else self.owner_id

    def role_of(self, user_id: int) -> str:
        return Role.SPEAKER if user_id == self.speaker_id else Role.LISTENER

    @staticmethod
    def name_of(person: User | None) -> str:
        return person.name if person is not None else FORMER_PARTNER

    @property
    def speaker_name(self) -> str:
        return self.name_of(self.speaker)

    @property
    def listener_name(self) -> str:
        listener = self.partner if self.speaker_id == self.owner_id else self.owner
        return self.name_of(listener)

    def other_name_for(self, user_id: int) -> str:
        """The other person's name, as `user_id` sees it (FORMER_PARTNER once they're gone)."""
        return self.name_of(self.partner if user_id == self.owner_id else self.owner)

    def whose_turn_id(self, state: str | None = None, speaker_id: int | None = None) -> int | None:
        """Whose move it is in typed mode (None in person, when paused or ended)."""
        state = state or self.state
        speaker_id = speaker_id or self.speaker_id
        if self.mode != Mode.TYPED:
            return None
        actor = machine.actor_of(self.mode, state)
        if actor == machine.SPEAKER:
            return speaker_id
        if actor == machine.LISTENER:
            return self.partner_id if speaker_id == self.owner_id else self.owner_id
        return None

    def is_turn_of(self, user_id: int) -> bool:
        return self.is_active and self.turn_of_id == user_id

    def is_reflecting_for(self, user_id: int) -> bool:
        """Whether `user_id` is the listener writing a reflection now (feedback is for them)."""
        return (
            not self.is_closed
            and self.state == State.REFLECTING
            and self.role_of(user_id) == Role.LISTENER
        )

    def current_statement(self) -> str:
        """What the listener is reflecting: the latest piece and any clarifications since."""
        turns = list(
            self.turns.filter(kind__in=[Kind.PIECE, Kind.CONFIRMATION, Kind.SWITCH])
            .order_by("-seq")
            .only("kind", "text", "seq")[:20]
        )
        parts = []
        for turn in turns:
            if turn.kind == Kind.SWITCH:
                break
            if turn.text:
                parts.append(turn.text)
            if turn.kind == Kind.PIECE:
                break
        return "\n".join(reversed(parts))

    def allowed_actions(self, user_id: int) -> list[str]:
        if self.is_closed:
            return []
        return machine.allowed_actions(self.mode, self.state, self.role_of(user_id))

    def status_for(self, user_id: int) -> str:
        """One plain sentence on where the conversation is, from this person's side."""
        if self.is_closed:
            return "This conversation has ended."
        if self.state == State.PAUSED:
            return "This conversation is paused. Either of you can resume it."
        sentences: dict[str, str]
        if not self.is_typed:
            sentences = {
                State.SPEAKING: f"{self.speaker_name} speaks and {self.listener_name} listens.",
                State.REFLECTING: f"{self.listener_name} says back what they heard.",
                State.RESPONDING: f"{self.listener_name} may validate, then you switch roles.",
            }
        elif self.turn_of_id == user_id:
            sentences = {
                State.SPEAKING: "Your turn: share a piece of what's on your mind.",
                State.REFLECTING: "Your turn: say back what you heard.",
                State.CONFIRMING: "Your turn: did that reflection get it?",
                State.RESPONDING: "Your turn: validate or respond, then the floor passes to you.",
            }
        else:
            other = self.other_name_for(user_id)
            sentences = {
                State.SPEAKING: f"Waiting for {other} to share a piece.",
                State.REFLECTING: f"Waiting for {other} to say back what they heard.",
                State.CONFIRMING: f"Waiting for {other} to say whether you got it.",
                State.RESPONDING: f"Waiting for {other} to respond; then you'll have the floor.",
            }
        return sentences.get(self.state, "")

    def heard_a_full_round(self, user_id: int, turns: list["Turn"]) -> bool:
        """Whether asking this person "how heard did you feel?" makes sense yet: one of their
        pieces landed ("that's it"), the floor has passed, or the conversation is over."""
        if self.is_closed:
            return True
        return any(
            t.kind == Kind.SWITCH
            or (t.kind == Kind.CONFIRMATION and t.owner_id == user_id and t.verdict == Verdict.YES)
            for t in turns
        )

    def turns_for(self, user: User) -> list["Turn"]:
        """The turns `user` may read, in order: after the couple ended, only their own."""
        return list(access.visible(user, self.turns.all()).select_related("owner"))

    def to_dict(self, for_user: User, *, with_turns: bool = False) -> dict[str, Any]:
        """The conversation as `for_user` sees it (the API's ConversationOut, and the page's
        role, turn and actions)."""
        out: dict[str, Any] = {
            "uuid": self.uuid,
            "mode": self.mode,
            "topic_id": self.topic_id,
            "title": self.topic_for(for_user)["title"],
            "level": self.level,
            "state": State.ENDED if self.is_closed else self.state,
            "step": self.step,
            "speaker": self.speaker_name,
            "my_role": self.role_of(for_user.pk),
            "my_turn": self.is_turn_of(for_user.pk),
            "closed": self.is_closed,
            "allowed_actions": self.allowed_actions(for_user.pk),
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }
        if with_turns:
            out["turns"] = [t.to_dict(for_user) for t in self.turns_for(for_user)]
        return out


class Turn(OwnedContent):
    """One step of a conversation, in order: a piece, a reflection, a confirmation (with an
    optional clarification), a response, or a switch of roles. Steps taken in person carry
    no text."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="turns")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    text = EncryptedTextField(blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, blank=True)
    attempt = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "seq"], name="one_turn_per_step"),
        ]
        indexes = [models.Index(fields=["kind", "attempt"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.seq}"

    def to_dict(self, for_user: User) -> dict[str, Any]:
        return {
            "uuid": self.uuid,
            "seq": self.seq,
            "kind": self.kind,
            "author": self.owner.name,
            "mine": self.owner_id == for_user.pk,
            "text": self.text,
            "verdict": self.verdict,
            "attempt": self.attempt,
            "created_at": self.created_at,
        }


class Rating(OwnedContent):
    """How heard one partner felt after a conversation, and what helped. Always private:
    the other partner sees it only inside an average, and only when the rater allows it."""

    conversation = models.ForeignKey(Conversation, models.CASCADE, related_name="ratings")
    felt_heard = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    helped = models.JSONField(default=list)
    note = EncryptedTextField(blank=True)
    counts_for_partner = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "owner"], name="one_rating_per_person"),
        ]

    def __str__(self) -> str:
        return f"Rating {self.uuid}"

    def to_dict(self) -> dict[str, Any]:
        """The rater's own copy (nobody else ever reads a single rating)."""
        return {
            "felt_heard": self.felt_heard,
            "helped": self.helped,
            "note": self.note,
            "counts_for_partner": self.counts_for_partner,
            "created_at": self.created_at,
        }

    def helped_labels(self) -> list[str]:
        labels = dict(Helped.choices)
        return [labels[h] for h in self.helped if h in labels]
