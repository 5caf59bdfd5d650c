"""Sharing API: today's question, answering, reacting and history, sealed like the pages.

Routes load through the gate, call the service and serialise with the models' own `to_dict`;
refusals (SharingError, InvalidInput) and 404s are answered by the handlers in attunement/api.py.
"""

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.paging import window
from attunement.safety import screening
from attunement.safety.schemas import WithCare
from attunement.sharing import services
from attunement.sharing.models import (
    ANSWER_MAX,
    REPLY_MAX,
    Answer,
    Depth,
    QuestionState,
    Reaction,
    ReactionKind,
    ServedQuestion,
    question_ids,
)

router = Router()


class ReactionOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    kind: ReactionKind
    kind_text: str
    reply: str
    created_at: datetime


class AnswerOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    text: str
    shared: bool
    revealed_at: datetime | None
    reactions: list[ReactionOut]


class QuestionOut(Schema):
    uuid: UUID
    question_id: str
    text: str
    depth: Depth
    theme: str
    day: date
    state: QuestionState
    favourite: bool
    answers: list[AnswerOut]


class AnsweredOut(QuestionOut, WithCare):
    """The writer's own response: `care` only when their answer suggests risk."""


class ReactionSentOut(ReactionOut, WithCare):
    """The writer's own response: `care` only when their reply suggests risk."""


class AnswerIn(Schema):
    text: str = Field(max_length=ANSWER_MAX)


class ReactionIn(Schema):
    kind: ReactionKind = ReactionKind.NONE
    reply: str = Field(default="", max_length=REPLY_MAX)


class ComfortIn(Schema):
    ceiling: Depth


class ComfortOut(Schema):
    ceiling: Depth


def _question(user: User, served: ServedQuestion) -> dict[str, Any]:
    """One question as this person may see it: only answers the privacy gate lets through."""
    # Read again after a write: the reveal may have happened in it.
    served = access.with_readable_answers(
        user, ServedQuestion.objects.filter(pk=served.pk), Answer.objects, Reaction.objects
    ).get()
    return served.to_dict(user, is_today=services.is_todays(user=user, served=served))


def _served_or_404(user: User, uuid: UUID) -> ServedQuestion:
    return access.get_served_question_or_404(
        user, ServedQuestion.objects, Answer.objects, uuid=uuid
    )


@router.get("/today", response=QuestionOut)
def today(request: SignedInRequest) -> dict[str, Any]:
    return _question(request.auth, services.todays_question(user=request.auth))


@router.get("/questions/{uuid}", response=QuestionOut)
def question(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    return _question(request.auth, _served_or_404(request.auth, uuid))


@router.post("/questions/{uuid}/answer", response={201: AnsweredOut})
def answer(request: SignedInRequest, uuid: UUID, payload: AnswerIn) -> tuple[int, dict[str, Any]]:
    served = _served_or_404(request.auth, uuid)
    services.submit_answer(user=request.auth, served=served, text=payload.text)
    return 201, {**_question(request.auth, served), "care": screening.care_payload()}


@router.post("/questions/{uuid}/skip", response=QuestionOut)
def skip(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    served = _served_or_404(request.auth, uuid)
    services.skip_question(user=request.auth, served=served)
    return _question(request.auth, served)


@router.post("/questions/{uuid}/favourite", response=QuestionOut)
def favourite(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    served = _served_or_404(request.auth, uuid)
    services.toggle_favourite(user=request.auth, served=served)
    return _question(request.auth, served)


@router.get("/history", response=list[QuestionOut])
def history(
    request: SignedInRequest,
    theme: str = "",
    favourites: bool = False,
    limit: int = 30,
    offset: int = 0,
) -> list[dict[str, Any]]:
    user = request.auth
    rows = access.answered_questions(
        user,
        ServedQuestion.objects,
        Answer.objects,
        Reaction.objects,
        question_ids=question_ids(theme),
        favourites=favourites,
    )
    return [
        s.to_dict(user, is_today=services.is_todays(user=user, served=s))
        for s in rows[window(limit, offset)]
    ]


@router.post("/answers/{uuid}/reactions", response={201: ReactionSentOut})
def react(request: SignedInRequest, uuid: UUID, payload: ReactionIn) -> tuple[int, dict[str, Any]]:
    target = access.get_partners_answer_or_404(request.auth, Answer.objects, uuid=uuid)
    reaction = services.react_to_answer(
        user=request.auth, answer=target, kind=payload.kind, reply=payload.reply
    )
    return 201, {**reaction.to_dict(request.auth), "care": screening.care_payload()}


@router.post("/answers/{uuid}/share", response=AnswerOut)
def share(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    rows = access.with_reactions(request.auth, Answer.objects, Reaction.objects)
    own = access.get_own_or_404(request.auth, rows, uuid=uuid)
    return services.share_answer(user=request.auth, answer=own).to_dict(request.auth)


@router.get("/comfort", response=ComfortOut)
def get_comfort(request: SignedInRequest) -> dict[str, str]:
    """This person's own comfort ceiling (never the partner's)."""
    return {"ceiling": services.comfort_of(request.auth)}


@router.put("/comfort", response=ComfortOut)
def put_comfort(request: SignedInRequest, payload: ComfortIn) -> dict[str, str]:
    return {"ceiling": services.set_comfort(user=request.auth, ceiling=payload.ceiling).ceiling}
