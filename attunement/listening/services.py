"""Writes of the listening strategy: starting, stepping through, pausing, ending and rating
Speaker–Listener conversations.

Each service owns every rule of its write: who may take the step, the safety gate on typed
conversations that could escalate, blank text, the gentle start-up suggestion, and the safety
screening of the free text it saves. Views and API routes only load through the gate, call the
service and present what it returns or raises.

Every step is claimed with a conditional UPDATE on (state, step) inside a transaction, after a
row lock where the database has one: when two devices post at once, exactly one step lands and
the other gets a ConversationConflict that changed nothing.
"""

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Couple, Visibility
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.listening import feedback, machine, presence
from attunement.listening.models import (
    Conversation,
    Helped,
    Kind,
    Level,
    Mode,
    Rating,
    State,
    Tap,
    Timer,
    Turn,
    Verdict,
)
from attunement.notifications import emails
from attunement.safety import hooks, screening

NOTIFY_AT_MOST_EVERY = timedelta(hours=1)
# Shown when the safety app turns joint exercises off: it says neither why nor who.
UNAVAILABLE = hooks.JOINT_OFF_MESSAGE
# The pages add a way forward, neutral and the same for both partners: nothing of who or why.
WAY_FORWARD_TO_START = (
    "A light topic is open as always, and so is talking in person: choose “In person” below."
)
WAY_FORWARD_UNDER_WAY = (
    "You can end this conversation and start one on a light topic, or carry on in person."
)
FOR_TWO = "Conversations are for two: invite your partner first."
NOT_A_PARTICIPANT = "You're not part of this conversation."
IN_PERSON_TAPS = "In person, take each step with the buttons on the floor card."
TYPED_FORMS = "This conversation is typed: use the forms on its page."
UNCLEAR_STEP = "That step wasn't clear. Try the button again."
FEEDBACK_IS_FOR_THE_LISTENER = "Feedback is for the listener while they write a reflection."


class ListeningError(DomainError):
    """Something a person tried in a conversation that cannot happen (409)."""


class ConversationConflict(ListeningError):
    """An out-of-turn or stale step (HTTP 409): nothing was changed."""


class GentleStartSuggested(ListeningError):
    """A piece that may land as criticism or contempt: nothing was sent. The speaker alone sees
    `suggestion` and may send it again as it is (send_anyway)."""

    def __init__(self, suggestion: feedback.GentleStart) -> None:
        tips = " ".join(suggestion.tips)
        super().__init__(
            f"Before you send: a gentler start may help. {tips} "
            "Send again with send_anyway set to true to send it as it is."
        )
        self.suggestion = suggestion


def level_of(topic_id: str) -> str:
    """The catalogue level of a topic; the couple's own topic is Level.OWN."""
    entry = content.get("conversation_topics", topic_id) if topic_id else None
    return entry["level"] if entry else Level.OWN


@transaction.atomic
def start_conversation(
    *,
    user: User,
    mode: str,
    topic_id: str = "",
    own_topic: str = "",
    timer_minutes: int = 0,
) -> Conversation:
    """Open a conversation with the current partner; the starter holds the floor first.

    A catalogue topic (`topic_id`) or the couple's own words (`own_topic`, screened). Typed
    conversations on anything but a light topic are refused while the safety app has joint
    exercises off for the couple (UNAVAILABLE: it says neither why nor who).
    """
    if mode not in Mode.values:
        raise InvalidInput("Choose in person or typed.")
    if timer_minutes not in Timer.values:
        raise InvalidInput("Choose one of the timers.")
    if topic_id:
        if content.get("conversation_topics", topic_id) is None:
            raise InvalidInput("Choose a topic, or write your own.")
        own_topic = ""
    else:
        own_topic = require_text(own_topic, "Write a few words about your topic.")
    couple = access.current_couple(user)
    partner = access.partner_of(user)
    if couple is None or partner is None:
        raise ListeningError(FOR_TWO)
    level = level_of(topic_id)
    if mode == Mode.TYPED and level != Level.LIGHT and not hooks.joint_exercises_allowed(couple):
        raise ListeningError(UNAVAILABLE)
    now = timezone.now()
    conversation = Conversation.objects.create(
        owner=user,
        partner=partner,
        couple=couple,
        visibility=Visibility.SHARED,
        mode=mode,
        topic_id=topic_id,
        own_topic=own_topic,
        level=level,
        timer_minutes=timer_minutes if mode == Mode.IN_PERSON else 0,
        speaker=user,
        turn_of=user if mode == Mode.TYPED else None,
        created_at=now,
        updated_at=now,
    )
    screening.screen(user=user, text=own_topic, where="listening.start_conversation")
    return conversation


def _typed_only(conversation: Conversation) -> None:
    if conversation.mode != Mode.TYPED:
        raise ConversationConflict(IN_PERSON_TAPS)


def _claim(
    *, user: User, conversation: Conversation, action: str, expected_step: int | None
) -> tuple[Conversation, machine.Move]:
    """Lock the row, check the move, and move the conversation on by one step."""
    if user.pk not in conversation.people():
        raise ConversationConflict(NOT_A_PARTICIPANT)
    current = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("couple")
        .get(pk=conversation.pk)
    )
    if current.is_closed and action != machine.END:
        raise ConversationConflict("This conversation has ended.")
    if (
        current.mode == Mode.TYPED
        and current.level != Level.LIGHT
        and action not in (machine.END, machine.PAUSE)
        and not hooks.joint_exercises_allowed(current.couple)
    ):
        # A screen taken after the start turns the conversation off too (neutral, no who or why).
        raise ConversationConflict(UNAVAILABLE)
    if expected_step is not None and expected_step != current.step:
        raise ConversationConflict(
            "This conversation has moved on since your page loaded. Have a look at where it is now."
        )
    try:
        move = machine.check(current.mode, current.state, action, current.role_of(user.pk))
    except machine.IllegalMove as exc:
        raise ConversationConflict(str(exc)) from exc

    speaker_id = current.speaker_id
    if move.switch_roles:
        speaker_id = current.listener_id()
    new_state = move.to or current.paused_state or State.SPEAKING
    attempt = current.attempt
    if action == machine.PIECE:
        attempt = 0
    elif action == machine.REFLECTION:
        attempt += 1
    elif action == machine.PASS:
        attempt = 1  # in person, the listener reflects aloud straight away
    elif action == machine.NOT_QUITE and current.mode == Mode.IN_PERSON:
        attempt += 1
    elif move.switch_roles:
        attempt = 0
    now = timezone.now()
    fields: dict[str, object] = {
        "state": new_state,
        "step": F("step") + 1,
        "speaker_id": speaker_id,
        "attempt": attempt,
        "turn_of_id": current.whose_turn_id(new_state, speaker_id)
        if new_state in machine.ACTIVE
        else None,
        "updated_at": now,
    }
    if action == machine.PAUSE:
        fields["paused_state"] = current.state
    elif action == machine.RESUME:
        fields["paused_state"] = ""
    elif action == machine.END:
        fields.update(ended_at=now, ended_by_id=user.pk, paused_state="")
    # The claim: only the request that still sees the old (state, step) moves the conversation.
    claimed = Conversation.objects.filter(
        pk=current.pk, state=current.state, step=current.step
    ).update(**fields)
    if claimed != 1:
        raise ConversationConflict(
            "Someone else took this step just now. Have a look at where it is now."
        )
    current.refresh_from_db()
    return current, move


def _record(
    conversation: Conversation,
    *,
    owner_id: int | None,
    kind: str,
    text: str = "",
    verdict: str = "",
    attempt: int = 0,
) -> Turn:
    if owner_id is None:  # a person left by deleting their account: the claim refuses first
        raise ConversationConflict("This conversation has ended.")
    return Turn.objects.create(
        owner_id=owner_id,
        couple_id=conversation.couple_id,
        visibility=Visibility.SHARED,
        conversation=conversation,
        seq=conversation.step,
        kind=kind,
        text=text,
        verdict=verdict,
        attempt=attempt,
    )


def _notify_turn(conversation: Conversation, acting_user: User) -> None:
    """Tell the partner, at most hourly per conversation, that it's their turn (never what
    was written). Claimed with a conditional UPDATE so that one email goes out at most."""
    who = conversation.turn_of_id
    if not conversation.is_typed or who is None or who == acting_user.pk:
        return
    if presence.is_watching(conversation.uuid, who):
        return  # their open page shows the turn within seconds; no email
    field = "owner_notified_at" if who == conversation.owner_id else "partner_notified_at"
    now = timezone.now()
    due = Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lt": now - NOTIFY_AT_MOST_EVERY})
    if not Conversation.objects.filter(due, pk=conversation.pk).update(**{field: now}):
        return
    recipient = (
        User.objects.filter(pk=who, is_active=True, partner_emails=True)
        .values_list("email", flat=True)
        .first()
    )
    if not recipient:
        return
    emails.your_turn(
        to=recipient,
        conversation_path=reverse("listening_conversation", kwargs={"uuid": conversation.uuid}),
    )


@transaction.atomic
def send_piece(
    *,
    user: User,
    conversation: Conversation,
    text: str,
    expected_step: int | None = None,
    send_anyway: bool = False,
) -> Turn:
    """The speaker shares a piece (typed mode), screened once saved.

    A piece that may land as criticism or contempt is held back with GentleStartSuggested
    (nothing saved, the draft stored nowhere) unless `send_anyway`.
    """
    _typed_only(conversation)
    text = require_text(text)
    conversation, _ = _claim(
        user=user, conversation=conversation, action=machine.PIECE, expected_step=expected_step
    )
    if not send_anyway:
        suggestion = feedback.gentle_start(text)
        # Someone who writes about being at risk is never asked to soften their words first.
        if suggestion is not None and not screening.suggests_risk(text):
            raise GentleStartSuggested(suggestion)  # rolls the claim back
    turn = _record(conversation, owner_id=user.pk, kind=Kind.PIECE, text=text)
    screening.screen(user=user, text=text, where="listening.send_piece")
    _notify_turn(conversation, user)
    return turn


def check_reflection(
    *, user: User, conversation: Conversation, text: str
) -> feedback.ReflectionFeedback:
    """Private feedback on the listener's draft reflection. Nothing is stored or screened."""
    if not conversation.is_reflecting_for(user.pk):
        raise ConversationConflict(FEEDBACK_IS_FOR_THE_LISTENER)
    text = require_text(text)
    return feedback.reflection_feedback(conversation.current_statement(), text)


@transaction.atomic
def send_reflection(
    *, user: User, conversation: Conversation, text: str, expected_step: int | None = None
) -> Turn:
    """The listener says back what they heard (typed mode). Only the sent text is stored."""
    _typed_only(conversation)
    text = require_text(text)
    conversation, _ = _claim(
        user=user, conversation=conversation, action=machine.REFLECTION, expected_step=expected_step
    )
    turn = _record(
        conversation,
        owner_id=user.pk,
        kind=Kind.REFLECTION,
        text=text,
        attempt=conversation.attempt,
    )
    screening.screen(user=user, text=text, where="listening.send_reflection")
    _notify_turn(conversation, user)
    return turn


@transaction.atomic
def confirm_reflection(
    *,
    user: User,
    conversation: Conversation,
    verdict: str,
    clarification: str = "",
    expected_step: int | None = None,
) -> Turn:
    """The speaker says whether the reflection got it: yes, partly or not quite, with an
    optional clarification (screened). Typed mode; in person it's a tap (advance_in_person)."""
    _typed_only(conversation)
    return _confirm(
        user=user,
        conversation=conversation,
        verdict=verdict,
        clarification=clarification.strip(),
        expected_step=expected_step,
    )


def _confirm(
    *,
    user: User,
    conversation: Conversation,
    verdict: str,
    clarification: str = "",
    expected_step: int | None,
) -> Turn:
    if verdict not in Verdict.values:
        raise InvalidInput("Choose one of the answers.")
    in_person = conversation.mode == Mode.IN_PERSON
    attempt_before = conversation.attempt
    speaker_id = conversation.speaker_id
    conversation, _ = _claim(
        user=user, conversation=conversation, action=verdict, expected_step=expected_step
    )
    turn = _record(
        conversation,
        owner_id=speaker_id,
        kind=Kind.CONFIRMATION,
        verdict=verdict,
        text="" if in_person else clarification,
        attempt=attempt_before,
    )
    if not in_person:
        screening.screen(user=user, text=clarification, where="listening.confirm_reflection")
    _notify_turn(conversation, user)
    return turn


@transaction.atomic
def send_response(
    *, user: User, conversation: Conversation, text: str = "", expected_step: int | None = None
) -> Turn:
    """The listener validates or responds (optional, screened), then the roles switch (typed
    mode)."""
    _typed_only(conversation)
    text = text.strip()
    action = machine.RESPOND if text else machine.SWITCH
    listener_id = conversation.listener_id()
    conversation, _ = _claim(
        user=user, conversation=conversation, action=action, expected_step=expected_step
    )
    if text:
        _record(conversation, owner_id=listener_id, kind=Kind.RESPONSE, text=text)
        screening.screen(user=user, text=text, where="listening.send_response")
        # The switch is its own line in the transcript, one step after the response.
        Conversation.objects.filter(pk=conversation.pk).update(step=F("step") + 1)
        conversation.refresh_from_db(fields=["step"])
    turn = _record(conversation, owner_id=conversation.speaker_id, kind=Kind.SWITCH)
    _notify_turn(conversation, user)
    return turn


@transaction.atomic
def advance_in_person(
    *, user: User, conversation: Conversation, action: str, expected_step: int | None = None
) -> Turn:
    """One tap of the in-person ritual: pass (done speaking), yes, not_quite, switch."""
    if conversation.mode != Mode.IN_PERSON:
        raise ConversationConflict(TYPED_FORMS)
    if action not in Tap.values:
        raise InvalidInput(UNCLEAR_STEP)
    if action in (Tap.YES, Tap.NOT_QUITE):
        return _confirm(
            user=user, conversation=conversation, verdict=action, expected_step=expected_step
        )
    speaker_id = conversation.speaker_id
    conversation, _ = _claim(
        user=user, conversation=conversation, action=action, expected_step=expected_step
    )
    if action == machine.PASS:
        return _record(conversation, owner_id=speaker_id, kind=Kind.PIECE, attempt=0)
    return _record(conversation, owner_id=conversation.speaker_id, kind=Kind.SWITCH)


@transaction.atomic
def pause_conversation(
    *, user: User, conversation: Conversation, expected_step: int | None = None
) -> Conversation:
    conversation, _ = _claim(
        user=user, conversation=conversation, action=machine.PAUSE, expected_step=expected_step
    )
    return conversation


@transaction.atomic
def resume_conversation(
    *, user: User, conversation: Conversation, expected_step: int | None = None
) -> Conversation:
    conversation, _ = _claim(
        user=user, conversation=conversation, action=machine.RESUME, expected_step=expected_step
    )
    _notify_turn(conversation, user)
    return conversation


@transaction.atomic
def end_conversation(*, user: User, conversation: Conversation) -> Conversation:
    """Either partner may end a conversation at any point; nobody else is told why."""
    conversation, _ = _claim(
        user=user, conversation=conversation, action=machine.END, expected_step=None
    )
    return conversation


@transaction.atomic
def close_conversations_for_couple(couple: Couple) -> int:
    """Leaving a couple closes its conversations (see couples.services.when_couple_ends).

    Reads already treat a conversation of an ended couple as closed; this makes it explicit.
    """
    now = timezone.now()
    return (
        Conversation.objects.filter(couple=couple)
        .exclude(state=State.ENDED)
        .update(
            state=State.ENDED,
            ended_at=now,
            turn_of=None,
            paused_state="",
            step=F("step") + 1,
            updated_at=now,
        )
    )


@transaction.atomic
def rate_conversation(
    *,
    user: User,
    conversation: Conversation,
    felt_heard: int,
    helped: Sequence[str],
    note: str = "",
    counts_for_partner: bool = True,
) -> Rating:
    """Record (or change) how heard this person felt; the note is screened. Private to them:
    the partner sees it only inside an average (access.partners_felt_heard)."""
    if user.pk not in conversation.people():
        raise ListeningError(NOT_A_PARTICIPANT)
    if felt_heard not in range(1, 6):
        raise InvalidInput("Choose a number from 1 to 5.")
    unknown = [h for h in helped if h not in Helped.values]
    if unknown:
        raise InvalidInput(f"Unknown choices: {', '.join(unknown[:5])}")
    helped = list(dict.fromkeys(helped))
    note = note.strip()
    if not conversation.turns.exists():
        raise ConversationConflict("Rate the conversation once you've had it.")
    rating, created = Rating.objects.select_for_update().get_or_create(
        conversation=conversation,
        owner=user,
        defaults=dict(
            couple_id=conversation.couple_id,
            visibility=Visibility.PRIVATE,
            felt_heard=felt_heard,
            helped=helped,
            note=note,
            counts_for_partner=counts_for_partner,
        ),
    )
    if not created:
        rating.felt_heard, rating.helped, rating.note = felt_heard, helped, note
        rating.counts_for_partner = counts_for_partner
        rating.save(update_fields=["felt_heard", "helped", "note", "counts_for_partner"])
    screening.screen(user=user, text=note, where="listening.rate_conversation")
    return rating
