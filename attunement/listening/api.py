"""The listening API: conversations, their steps (pieces, reflections, confirmations,
responses, in-person taps), private feedback on a draft reflection, and private ratings.

Out-of-turn or stale steps answer 409 and change nothing; validation errors answer 422.
"""

from datetime import datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator, model_validator

from attunement import content
from attunement.couples import access
from attunement.lib.paging import window
from attunement.listening import feedback, progress, services
from attunement.listening.models import (
    NOTE_MAX,
    PIECE_MAX,
    TOPIC_MAX,
    Conversation,
    Helped,
    Level,
    Rating,
    Turn,
)
from attunement.safety import hooks

router = Router()


class TopicOut(Schema):
    id: str
    level: str
    title: str
    prompt: str


class TurnOut(Schema):
    uuid: UUID
    seq: int
    kind: str
    author: str
    mine: bool
    text: str
    verdict: str
    attempt: int
    created_at: datetime


class ConversationOut(Schema):
    uuid: UUID
    mode: str
    topic_id: str
    title: str
    level: str
    state: str
    step: int
    speaker: str
    my_role: str
    my_turn: bool
    closed: bool
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ConversationDetailOut(ConversationOut):
    turns: list[TurnOut]


class StartIn(Schema):
    mode: Literal["typed", "in_person"]
    topic_id: str = Field(default="", max_length=12)
    own_topic: str = Field(default="", max_length=TOPIC_MAX)
    timer_minutes: Literal[0, 2, 3, 5] = 0

    @model_validator(mode="after")
    def topic_or_own(self) -> "StartIn":
        self.own_topic = self.own_topic.strip()
        if self.topic_id and content.get("conversation_topics", self.topic_id) is None:
            raise ValueError("Unknown topic id.")
        if not self.topic_id and not self.own_topic:
            raise ValueError("Choose a topic_id or write an own_topic.")
        if self.topic_id:
            self.own_topic = ""
        return self


def _text(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("Write a few words first.")
    return value


class TextIn(Schema):
    text: str = Field(max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)

    @field_validator("text")
    @classmethod
    def not_blank(cls, value: str) -> str:
        return _text(value)


class PieceIn(TextIn):
    send_anyway: bool = False


class ConfirmIn(Schema):
    verdict: Literal["yes", "partly", "not_quite"]
    clarification: str = Field(default="", max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)


class ResponseIn(Schema):
    text: str = Field(default="", max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)


class StepIn(Schema):
    action: Literal["pass", "yes", "not_quite", "switch"]
    step: int | None = Field(default=None, ge=0)


class ControlIn(Schema):
    step: int | None = Field(default=None, ge=0)


class FeedbackOut(Schema):
    is_reflection: bool
    act_note: str
    caught: str
    caught_percent: int
    feelings_named: list[str]
    feelings_caught: list[str]
    advice: bool
    judgment: bool
    tip: str


class RatingIn(Schema):
    felt_heard: int = Field(ge=1, le=5)
    helped: list[str] = Field(default_factory=list, max_length=len(Helped.values))
    note: str = Field(default="", max_length=NOTE_MAX)
    counts_for_partner: bool = True

    @field_validator("helped")
    @classmethod
    def known_helped(cls, value: list[str]) -> list[str]:
        unknown = [h for h in value if h not in Helped.values]
        if unknown:
            raise ValueError(f"Unknown choices: {', '.join(unknown[:5])}")
        return list(dict.fromkeys(value))


class RatingOut(Schema):
    felt_heard: int
    helped: list[str]
    note: str
    counts_for_partner: bool
    created_at: datetime


class ProgressOut(Schema):
    reflections: int
    first_try: int
    first_try_share: int | None
    partner_felt_heard: float | None
    partner_ratings: int
    my_felt_heard: float | None


def _visible(user: object):
    return access.visible(user, Conversation.objects).select_related(
        "couple", "owner", "partner", "speaker"
    )


def _get(request: HttpRequest, uuid: UUID) -> Conversation:
    return get_object_or_404(_visible(request.auth), uuid=uuid)


def _out(user: object, c: Conversation) -> dict[str, object]:
    return {
        "uuid": c.uuid,
        "mode": c.mode,
        "topic_id": c.topic_id,
        "title": c.title,
        "level": c.level,
        "state": "ended" if c.is_closed else c.state,
        "step": c.step,
        "speaker": c.speaker.name,
        "my_role": c.role_of(user.pk),
        "my_turn": c.is_turn_of(user.pk),
        "closed": c.is_closed,
        "allowed_actions": c.allowed_actions(user.pk),
        "created_at": c.created_at,
        "updated_at": c.updated_at,
    }


def _detail(user: object, c: Conversation) -> dict[str, object]:
    turns = access.visible(user, Turn.objects.filter(conversation=c)).select_related("owner")
    return {
        **_out(user, c),
        "turns": [
            {
                "uuid": t.uuid,
                "seq": t.seq,
                "kind": t.kind,
                "author": t.owner.name,
                "mine": t.owner_id == user.pk,
                "text": t.text,
                "verdict": t.verdict,
                "attempt": t.attempt,
                "created_at": t.created_at,
            }
            for t in turns
        ],
    }


def _conflict(exc: Exception) -> HttpError:
    return HttpError(409, str(exc))


@router.get("/topics", response=list[TopicOut])
def list_topics(request: HttpRequest) -> list[dict[str, str]]:
    return content.load("conversation_topics")


@router.get("/conversations", response=list[ConversationOut])
def list_conversations(request: HttpRequest, limit: int = 30, offset: int = 0) -> list[dict]:
    rows = _visible(request.auth).order_by("-updated_at")[window(limit, offset)]
    return [_out(request.auth, c) for c in rows]


@router.post("/conversations", response={201: ConversationDetailOut})
def start_conversation(request: HttpRequest, payload: StartIn) -> tuple[int, dict]:
    level = services.level_of(payload.topic_id)
    if payload.mode == "typed" and level != Level.LIGHT:
        if not hooks.joint_exercises_allowed(access.current_couple(request.auth)):
            raise HttpError(409, services.UNAVAILABLE)
    try:
        c = services.start_conversation(
            user=request.auth,
            mode=payload.mode,
            topic_id=payload.topic_id,
            own_topic=payload.own_topic,
            level=level,
            timer_minutes=payload.timer_minutes,
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    if payload.own_topic:
        hooks.screen_text(request, payload.own_topic)
    return 201, _detail(request.auth, _visible(request.auth).get(pk=c.pk))


@router.get("/conversations/{uuid}", response=ConversationDetailOut)
def get_conversation(request: HttpRequest, uuid: UUID) -> dict:
    return _detail(request.auth, _get(request, uuid))


def _after(request: HttpRequest, c: Conversation) -> tuple[int, dict]:
    return 201, _detail(request.auth, _visible(request.auth).get(pk=c.pk))


@router.post("/conversations/{uuid}/pieces", response={201: ConversationDetailOut})
def send_piece(request: HttpRequest, uuid: UUID, payload: PieceIn) -> tuple[int, dict]:
    c = _get(request, uuid)
    if not payload.send_anyway and request.auth.pk == c.speaker_id:
        suggestion = feedback.gentle_start(payload.text)
        if suggestion is not None:
            tips = " ".join(suggestion.tips)
            raise HttpError(
                409,
                f"Before you send: a gentler start may help. {tips} "
                "Send again with send_anyway set to true to send it as it is.",
            )
    try:
        services.send_piece(
            user=request.auth, conversation=c, text=payload.text, expected_step=payload.step
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    hooks.screen_text(request, payload.text)
    return _after(request, c)


@router.post("/conversations/{uuid}/reflections/check", response=FeedbackOut)
def check_reflection(request: HttpRequest, uuid: UUID, payload: TextIn) -> dict:
    """Private feedback on a draft reflection. Nothing is stored."""
    c = _get(request, uuid)
    if c.state != "reflecting" or c.role_of(request.auth.pk) != "listener" or c.is_closed:
        raise HttpError(409, "Feedback is for the listener while they write a reflection.")
    result = feedback.reflection_feedback(c.current_statement(), payload.text)
    return result.__dict__


@router.post("/conversations/{uuid}/reflections", response={201: ConversationDetailOut})
def send_reflection(request: HttpRequest, uuid: UUID, payload: TextIn) -> tuple[int, dict]:
    c = _get(request, uuid)
    try:
        services.send_reflection(
            user=request.auth, conversation=c, text=payload.text, expected_step=payload.step
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    hooks.screen_text(request, payload.text)
    return _after(request, c)


@router.post("/conversations/{uuid}/confirmations", response={201: ConversationDetailOut})
def confirm_reflection(request: HttpRequest, uuid: UUID, payload: ConfirmIn) -> tuple[int, dict]:
    c = _get(request, uuid)
    if not c.is_typed:
        raise HttpError(409, "In person, send the speaker's answer as a step.")
    clarification = payload.clarification.strip()
    try:
        services.confirm_reflection(
            user=request.auth,
            conversation=c,
            verdict=payload.verdict,
            clarification=clarification,
            expected_step=payload.step,
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    if clarification:
        hooks.screen_text(request, clarification)
    return _after(request, c)


@router.post("/conversations/{uuid}/responses", response={201: ConversationDetailOut})
def send_response(request: HttpRequest, uuid: UUID, payload: ResponseIn) -> tuple[int, dict]:
    c = _get(request, uuid)
    if not c.is_typed:
        raise HttpError(409, "In person, switch roles with a step.")
    text = payload.text.strip()
    try:
        services.send_response(
            user=request.auth, conversation=c, text=text, expected_step=payload.step
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    if text:
        hooks.screen_text(request, text)
    return _after(request, c)


@router.post("/conversations/{uuid}/steps", response={201: ConversationDetailOut})
def in_person_step(request: HttpRequest, uuid: UUID, payload: StepIn) -> tuple[int, dict]:
    c = _get(request, uuid)
    try:
        services.advance_in_person(
            user=request.auth, conversation=c, action=payload.action, expected_step=payload.step
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    return _after(request, c)


@router.post("/conversations/{uuid}/pause", response=ConversationOut)
def pause(request: HttpRequest, uuid: UUID, payload: ControlIn) -> dict:
    c = _get(request, uuid)
    try:
        services.pause_conversation(user=request.auth, conversation=c, expected_step=payload.step)
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    return _out(request.auth, _visible(request.auth).get(pk=c.pk))


@router.post("/conversations/{uuid}/resume", response=ConversationOut)
def resume(request: HttpRequest, uuid: UUID, payload: ControlIn) -> dict:
    c = _get(request, uuid)
    try:
        services.resume_conversation(user=request.auth, conversation=c, expected_step=payload.step)
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    return _out(request.auth, _visible(request.auth).get(pk=c.pk))


@router.post("/conversations/{uuid}/end", response=ConversationOut)
def end(request: HttpRequest, uuid: UUID) -> dict:
    c = _get(request, uuid)
    try:
        services.end_conversation(user=request.auth, conversation=c)
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    return _out(request.auth, _visible(request.auth).get(pk=c.pk))


@router.get("/conversations/{uuid}/rating", response=RatingOut)
def get_rating(request: HttpRequest, uuid: UUID) -> Rating:
    c = _get(request, uuid)
    return get_object_or_404(Rating.objects.filter(conversation=c, owner=request.auth))


@router.put("/conversations/{uuid}/rating", response=RatingOut)
def rate(request: HttpRequest, uuid: UUID, payload: RatingIn) -> Rating:
    c = _get(request, uuid)
    note = payload.note.strip()
    try:
        rating = services.rate_conversation(
            user=request.auth,
            conversation=c,
            felt_heard=payload.felt_heard,
            helped=payload.helped,
            note=note,
            counts_for_partner=payload.counts_for_partner,
        )
    except services.ListeningError as exc:
        raise _conflict(exc) from exc
    if note:
        hooks.screen_text(request, note)
    return rating


@router.get("/progress", response=ProgressOut)
def my_progress(request: HttpRequest) -> dict:
    p = progress.summary_for(request.auth)
    return {
        "reflections": p.reflections,
        "first_try": p.first_try,
        "first_try_share": p.share,
        "partner_felt_heard": p.partner_felt_heard,
        "partner_ratings": p.partner_ratings,
        "my_felt_heard": p.my_felt_heard,
    }
