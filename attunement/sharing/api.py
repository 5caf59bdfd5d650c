"""Sharing API: today's question, answering, reacting and history, sealed like the pages."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from attunement.couples import access
from attunement.lib.paging import window
from attunement.safety.hooks import screen_text
from attunement.sharing import reads, services
from attunement.sharing.models import ANSWER_MAX, REPLY_MAX, Answer, ServedQuestion

router = Router()
ReactionKind = Literal["", "tell_me_more", "moved", "love_knowing", "thank_you", "with_you"]
DepthName = Literal["light", "personal", "deep"]


class ReactionOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    kind: str
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
    depth: str
    theme: str
    day: date
    state: str
    favourite: bool
    answers: list[AnswerOut]


class AnswerIn(Schema):
    text: str = Field(min_length=1, max_length=ANSWER_MAX)


class ReactionIn(Schema):
    kind: ReactionKind = ""
    reply: str = Field(default="", max_length=REPLY_MAX)


class ComfortIn(Schema):
    ceiling: DepthName


class ComfortOut(Schema):
    ceiling: str


def _reaction(user: object, r: object) -> dict[str, object]:
    return {
        "uuid": r.uuid,
        "author": r.owner.name,
        "mine": r.owner_id == user.pk,
        "kind": r.kind,
        "kind_text": r.kind_text,
        "reply": r.reply,
        "created_at": r.created_at,
    }


def _question(user: object, served: ServedQuestion) -> dict[str, object]:
    """One question as this person may see it: only answers the privacy gate lets through."""
    if not hasattr(served, "readable_answers"):
        served = reads.with_answers(user, ServedQuestion.objects.filter(pk=served.pk)).get()
    mine = next((a for a in served.readable_answers if a.owner_id == user.pk), None)
    own = mine or reads.own_answer(user, served)
    return {
        "uuid": served.uuid,
        "question_id": served.question_id,
        "text": served.text,
        "depth": served.depth,
        "theme": served.question["theme"],
        "day": served.day,
        "state": reads.question_state(
            served, own, is_today=services.is_todays(user=user, served=served)
        ),
        "favourite": bool(mine and mine.favourite),
        "answers": [
            {
                "uuid": a.uuid,
                "author": a.owner.name,
                "mine": a.owner_id == user.pk,
                "text": a.text,
                "shared": a.visibility == "shared",
                "revealed_at": a.revealed_at,
                "reactions": [_reaction(user, r) for r in a.reactions.all()],
            }
            for a in served.readable_answers
        ],
    }


def _served_or_404(user: object, uuid: UUID) -> ServedQuestion:
    try:
        return reads.get_served_or_404(user, uuid)
    except Http404 as exc:
        raise HttpError(404, "Not found") from exc


@router.get("/today", response=QuestionOut)
def today(request: HttpRequest) -> dict[str, object]:
    served = services.todays_question(user=request.auth)
    return _question(request.auth, served)


@router.get("/questions/{uuid}", response=QuestionOut)
def question(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    served = _served_or_404(request.auth, uuid)
    return _question(request.auth, served)


@router.post("/questions/{uuid}/answer", response={201: QuestionOut})
def answer(request: HttpRequest, uuid: UUID, payload: AnswerIn) -> tuple[int, dict[str, object]]:
    served = _served_or_404(request.auth, uuid)
    text = payload.text.strip()
    if not text:
        raise HttpError(422, "Write a few words first, or skip this one.")
    try:
        saved = services.submit_answer(user=request.auth, served=served, text=text)
    except services.SharingError as exc:
        raise HttpError(409, str(exc)) from exc
    screen_text(request, saved.text)
    return 201, _question(request.auth, served)


@router.post("/questions/{uuid}/skip", response=QuestionOut)
def skip(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    served = _served_or_404(request.auth, uuid)
    try:
        services.skip_question(user=request.auth, served=served)
    except services.SharingError as exc:
        raise HttpError(409, str(exc)) from exc
    return _question(request.auth, served)


@router.post("/questions/{uuid}/favourite", response=QuestionOut)
def favourite(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    served = _served_or_404(request.auth, uuid)
    try:
        services.toggle_favourite(user=request.auth, served=served)
    except services.SharingError as exc:
        raise HttpError(409, str(exc)) from exc
    return _question(request.auth, served)


@router.get("/history", response=list[QuestionOut])
def history(
    request: HttpRequest,
    theme: str = "",
    favourites: bool = False,
    limit: int = 30,
    offset: int = 0,
) -> list[dict[str, object]]:
    rows = reads.history(request.auth, theme=theme, favourites=favourites)[window(limit, offset)]
    return [_question(request.auth, s) for s in rows]


@router.post("/answers/{uuid}/reactions", response={201: ReactionOut})
def react(request: HttpRequest, uuid: UUID, payload: ReactionIn) -> tuple[int, dict[str, object]]:
    rows = access.partners_rows(request.auth, reads.visible_answers(request.auth))
    target = rows.filter(uuid=uuid).first()
    if target is None:
        raise HttpError(404, "Not found")
    if not payload.kind and not payload.reply.strip():
        raise HttpError(422, "Choose a reaction or write a few words.")
    try:
        reaction = services.react_to_answer(user=request.auth, answer=target, **payload.dict())
    except services.SharingError as exc:
        raise HttpError(409, str(exc)) from exc
    if reaction.reply:
        screen_text(request, reaction.reply)
    return 201, _reaction(request.auth, reaction)


@router.post("/answers/{uuid}/share", response=AnswerOut)
def share(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    own = access.own(request.auth, Answer.objects).filter(uuid=uuid).first()
    if own is None:
        raise HttpError(404, "Not found")
    try:
        own = services.share_answer(user=request.auth, answer=own)
    except services.SharingError as exc:
        raise HttpError(409, str(exc)) from exc
    return {
        "uuid": own.uuid,
        "author": own.owner.name,
        "mine": True,
        "text": own.text,
        "shared": True,
        "revealed_at": own.revealed_at,
        "reactions": [],
    }


@router.get("/comfort", response=ComfortOut)
def get_comfort(request: HttpRequest) -> dict[str, str]:
    """This person's own comfort ceiling (never the partner's)."""
    return {"ceiling": services.comfort_of(request.auth)}


@router.put("/comfort", response=ComfortOut)
def put_comfort(request: HttpRequest, payload: ComfortIn) -> dict[str, str]:
    return {"ceiling": services.set_comfort(user=request.auth, ceiling=payload.ceiling).ceiling}
