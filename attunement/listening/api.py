"""The listening API: conversations, their steps (pieces, reflections, confirmations,
responses, in-person taps), private feedback on a draft reflection, and private ratings.

Routes load through the gate, call the service and serialise what the models say about
themselves for this reader. A refused step (out of turn, stale, ended) is a DomainError: the
one handler in attunement/api.py answers 409 (422 for unusable input) and nothing changed.
"""

from dataclasses import asdict
from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.paging import window
from attunement.listening import progress, services
from attunement.listening.models import (
    NOTE_MAX,
    PIECE_MAX,
    TOPIC_MAX,
    Conversation,
    Helped,
    Kind,
    Level,
    Mode,
    Rating,
    Role,
    State,
    Tap,
    Timer,
    Verdict,
)
from attunement.safety import screening
from attunement.safety.schemas import WithCare

router = Router()


class TopicOut(Schema):
    id: str
    level: Level
    title: str
    prompt: str


class TurnOut(Schema):
    uuid: UUID
    seq: int
    kind: Kind
    author: str
    mine: bool
    text: str
    verdict: str = Field(description="One of Verdict's values on a confirmation, else empty.")
    attempt: int
    created_at: datetime


class ConversationOut(Schema):
    uuid: UUID
    mode: Mode
    topic_id: str
    title: str
    level: Level
    state: State
    step: int
    speaker: str
    my_role: Role
    my_turn: bool
    closed: bool
    allowed_actions: list[str]
    created_at: datetime
    updated_at: datetime


class ConversationDetailOut(ConversationOut, WithCare):
    turns: list[TurnOut]


class StartIn(Schema):
    mode: Mode
    topic_id: str = Field(default="", max_length=12)
    own_topic: str = Field(default="", max_length=TOPIC_MAX)
    timer_minutes: Timer = Timer.NONE


class TextIn(Schema):
    text: str = Field(max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)


class PieceIn(TextIn):
    send_anyway: bool = False


class ConfirmIn(Schema):
    verdict: Verdict
    clarification: str = Field(default="", max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)


class ResponseIn(Schema):
    text: str = Field(default="", max_length=PIECE_MAX)
    step: int | None = Field(default=None, ge=0)


class StepIn(Schema):
    action: Tap
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
    helped: list[Helped] = Field(default_factory=list, max_length=len(Helped.values))
    note: str = Field(default="", max_length=NOTE_MAX)
    counts_for_partner: bool = True


class RatingOut(WithCare):
    felt_heard: int
    helped: list[Helped]
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


def _conversations(user: Any) -> Any:
    return access.took_part_in(user, Conversation.objects).select_related(
        "couple", "owner", "partner", "speaker"
    )


def _get(request: SignedInRequest, uuid: UUID) -> Conversation:
    """A conversation this person took part in (see access.took_part_in), or 404."""
    return access.get_taken_part_in_or_404(
        request.auth,
        Conversation.objects.select_related("couple", "owner", "partner", "speaker"),
        uuid=uuid,
    )


def _detail(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    """The conversation as it is now, with the writer's private `care` when what they just
    wrote suggests risk."""
    conversation = _get(request, uuid)
    return {
        **conversation.to_dict(request.auth, with_turns=True),
        "care": screening.care_payload(),
    }


@router.get("/topics", response=list[TopicOut])
def list_topics(request: SignedInRequest) -> list[dict[str, str]]:
    return content.load("conversation_topics")


@router.get("/conversations", response=list[ConversationOut])
def list_conversations(
    request: SignedInRequest, limit: int = 30, offset: int = 0
) -> list[dict[str, Any]]:
    rows = _conversations(request.auth).order_by("-updated_at")[window(limit, offset)]
    return [c.to_dict(request.auth) for c in rows]


@router.post("/conversations", response={201: ConversationDetailOut})
def start_conversation(request: SignedInRequest, payload: StartIn) -> tuple[int, dict[str, Any]]:
    c = services.start_conversation(
        user=request.auth,
        mode=payload.mode,
        topic_id=payload.topic_id,
        own_topic=payload.own_topic,
        timer_minutes=payload.timer_minutes,
    )
    return 201, _detail(request, c.uuid)


@router.get("/conversations/{uuid}", response=ConversationDetailOut)
def get_conversation(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    return _detail(request, uuid)


@router.post("/conversations/{uuid}/pieces", response={201: ConversationDetailOut})
def send_piece(
    request: SignedInRequest, uuid: UUID, payload: PieceIn
) -> tuple[int, dict[str, Any]]:
    services.send_piece(
        user=request.auth,
        conversation=_get(request, uuid),
        text=payload.text,
        expected_step=payload.step,
        send_anyway=payload.send_anyway,
    )
    return 201, _detail(request, uuid)


@router.post("/conversations/{uuid}/reflections/check", response=FeedbackOut)
def check_reflection(request: SignedInRequest, uuid: UUID, payload: TextIn) -> dict[str, Any]:
    """Private feedback on a draft reflection. Nothing is stored."""
    result = services.check_reflection(
        user=request.auth, conversation=_get(request, uuid), text=payload.text
    )
    return asdict(result)


@router.post("/conversations/{uuid}/reflections", response={201: ConversationDetailOut})
def send_reflection(
    request: SignedInRequest, uuid: UUID, payload: TextIn
) -> tuple[int, dict[str, Any]]:
    services.send_reflection(
        user=request.auth,
        conversation=_get(request, uuid),
        text=payload.text,
        expected_step=payload.step,
    )
    return 201, _detail(request, uuid)


@router.post("/conversations/{uuid}/confirmations", response={201: ConversationDetailOut})
def confirm_reflection(
    request: SignedInRequest, uuid: UUID, payload: ConfirmIn
) -> tuple[int, dict[str, Any]]:
    services.confirm_reflection(
        user=request.auth,
        conversation=_get(request, uuid),
        verdict=payload.verdict,
        clarification=payload.clarification,
        expected_step=payload.step,
    )
    return 201, _detail(request, uuid)


@router.post("/conversations/{uuid}/responses", response={201: ConversationDetailOut})
def send_response(
    request: SignedInRequest, uuid: UUID, payload: ResponseIn
) -> tuple[int, dict[str, Any]]:
    services.send_response(
        user=request.auth,
        conversation=_get(request, uuid),
        text=payload.text,
        expected_step=payload.step,
    )
    return 201, _detail(request, uuid)


@router.post("/conversations/{uuid}/steps", response={201: ConversationDetailOut})
def in_person_step(
    request: SignedInRequest, uuid: UUID, payload: StepIn
) -> tuple[int, dict[str, Any]]:
    services.advance_in_person(
        user=request.auth,
        conversation=_get(request, uuid),
        action=payload.action,
        expected_step=payload.step,
    )
    return 201, _detail(request, uuid)


@router.post("/conversations/{uuid}/pause", response=ConversationOut)
def pause(request: SignedInRequest, uuid: UUID, payload: ControlIn) -> dict[str, Any]:
    c = services.pause_conversation(
        user=request.auth, conversation=_get(request, uuid), expected_step=payload.step
    )
    return _get(request, c.uuid).to_dict(request.auth)


@router.post("/conversations/{uuid}/resume", response=ConversationOut)
def resume(request: SignedInRequest, uuid: UUID, payload: ControlIn) -> dict[str, Any]:
    c = services.resume_conversation(
        user=request.auth, conversation=_get(request, uuid), expected_step=payload.step
    )
    return _get(request, c.uuid).to_dict(request.auth)


@router.post("/conversations/{uuid}/end", response=ConversationOut)
def end(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    c = services.end_conversation(user=request.auth, conversation=_get(request, uuid))
    return _get(request, c.uuid).to_dict(request.auth)


@router.get("/conversations/{uuid}/rating", response=RatingOut)
def get_rating(request: SignedInRequest, uuid: UUID) -> Rating:
    return access.get_own_or_404(request.auth, Rating.objects, conversation=_get(request, uuid))


@router.put("/conversations/{uuid}/rating", response=RatingOut)
def rate(request: SignedInRequest, uuid: UUID, payload: RatingIn) -> dict[str, Any]:
    rating = services.rate_conversation(
        user=request.auth,
        conversation=_get(request, uuid),
        felt_heard=payload.felt_heard,
        helped=payload.helped,
        note=payload.note,
        counts_for_partner=payload.counts_for_partner,
    )
    return {**rating.to_dict(), "care": screening.care_payload()}


@router.get("/progress", response=ProgressOut)
def my_progress(request: SignedInRequest) -> dict[str, Any]:
    p = progress.summary_for(request.auth)
    return {
        "reflections": p.reflections,
        "first_try": p.first_try,
        "first_try_share": p.share,
        "partner_felt_heard": p.partner_felt_heard,
        "partner_ratings": p.partner_ratings,
        "my_felt_heard": p.my_felt_heard,
    }
