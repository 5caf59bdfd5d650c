from datetime import date, datetime
from typing import Literal
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field, field_validator

from attunement.couples import access
from attunement.lib.paging import window
from attunement.safety.hooks import care_payload, screen_text
from attunement.safety.schemas import WithCare
from attunement.support import feelings, services
from attunement.support.models import MESSAGE_MAX, NOTE_MAX, Appreciation, CheckIn, Response
from attunement.support.needs import QUICK_RESPONSES

router = Router()
NeedName = Literal["listened", "comfort", "help", "space", "celebrate", "nothing"]


class ResponseOut(Schema):
    uuid: UUID
    author: str
    quick: str
    quick_text: str
    message: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Response) -> str:
        return obj.owner.name


class CheckInOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    local_date: date
    feelings: list[str]
    intensity: int
    energy: int
    need: str
    note: str
    visibility: str
    turned_toward_at: datetime | None
    responses: list[ResponseOut]


class CheckInIn(Schema):
    feelings: list[str] = Field(min_length=1, max_length=5)
    intensity: int = Field(ge=1, le=5)
    energy: int = Field(ge=1, le=5)
    need: NeedName
    note: str = Field(default="", max_length=NOTE_MAX)
    visibility: Literal["shared", "private"] = "shared"

    @field_validator("feelings")
    @classmethod
    def known_feelings(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in feelings.BY_ID]
        if unknown:
            raise ValueError(f"Unknown feelings: {', '.join(unknown[:5])}")
        return list(dict.fromkeys(value))


class ResponseIn(Schema):
    quick: str = Field(default="", max_length=24)
    message: str = Field(default="", max_length=MESSAGE_MAX)

    @field_validator("quick")
    @classmethod
    def known_quick(cls, value: str) -> str:
        if value and value not in QUICK_RESPONSES:
            raise ValueError("Unknown quick response")
        return value


class AppreciationIn(Schema):
    text: str = Field(min_length=1, max_length=MESSAGE_MAX)


class AppreciationOut(Schema):
    uuid: UUID
    author: str
    to_me: bool
    text: str
    created_at: datetime


def _check_in_out(user: object, c: CheckIn) -> dict[str, object]:
    return {
        "uuid": c.uuid,
        "author": c.owner.name,
        "mine": c.owner_id == user.pk,
        "local_date": c.local_date,
        "feelings": c.feelings,
        "intensity": c.intensity,
        "energy": c.energy,
        "need": c.need,
        "note": c.note,
        "visibility": c.visibility,
        "turned_toward_at": c.turned_toward_at,
        "responses": list(c.responses.all()),
    }


def _visible_check_ins(user: object):
    from django.db.models import Prefetch

    return (
        access.visible(user, CheckIn.objects)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "responses", queryset=access.visible(user, Response.objects).select_related("owner")
            )
        )
    )


@router.get("/checkins", response=list[CheckInOut])
def list_check_ins(
    request: HttpRequest, limit: int = 30, offset: int = 0
) -> list[dict[str, object]]:
    ordered = _visible_check_ins(request.auth).order_by("-local_date", "-created_at")
    rows = ordered[window(limit, offset)]
    return [_check_in_out(request.auth, c) for c in rows]


class CheckInSavedOut(CheckInOut, WithCare):
    """The writer's own copy: `care` (private resources) only when the note suggests risk."""


class ResponseSentOut(ResponseOut, WithCare):
    pass


class AppreciationSentOut(AppreciationOut, WithCare):
    pass


@router.put("/checkins/today", response=CheckInSavedOut)
def save_today(request: HttpRequest, payload: CheckInIn) -> dict[str, object]:
    c = services.save_check_in(user=request.auth, **payload.dict())
    screen_text(request, payload.note)
    out = _check_in_out(request.auth, _visible_check_ins(request.auth).get(pk=c.pk))
    return {**out, "care": care_payload(request)}


@router.get("/checkins/{uuid}", response=CheckInOut)
def get_check_in(request: HttpRequest, uuid: UUID) -> dict[str, object]:
    c = get_object_or_404(_visible_check_ins(request.auth), uuid=uuid)
    return _check_in_out(request.auth, c)


@router.post("/checkins/{uuid}/responses", response={201: ResponseSentOut})
def respond(request: HttpRequest, uuid: UUID, payload: ResponseIn) -> tuple[int, Response]:
    c = get_object_or_404(access.partners_rows(request.auth, CheckIn.objects), uuid=uuid)
    if not payload.quick and not payload.message.strip():
        raise HttpError(422, "Choose a quick response or write a few words.")
    r = services.respond_to_check_in(user=request.auth, check_in=c, **payload.dict())
    screen_text(request, r.message)
    r.care = care_payload(request)  # the writer's own copy only
    return 201, r


@router.get("/appreciations", response=list[AppreciationOut])
def list_appreciations(request: HttpRequest) -> list[dict[str, object]]:
    rows = access.visible(request.auth, Appreciation.objects).select_related("owner")[:100]
    return [
        {
            "uuid": a.uuid,
            "author": a.owner.name,
            "to_me": a.recipient_id == request.auth.pk,
            "text": a.text,
            "created_at": a.created_at,
        }
        for a in rows
    ]


@router.post("/appreciations", response={201: AppreciationSentOut})
def send_appreciation(
    request: HttpRequest, payload: AppreciationIn
) -> tuple[int, dict[str, object]]:
    text = payload.text.strip()
    if not text:
        raise HttpError(422, "Write a few words first.")
    try:
        a = services.send_appreciation(user=request.auth, text=text)
    except services.SupportError as exc:
        raise HttpError(409, str(exc)) from exc
    screen_text(request, a.text)
    return 201, {
        "uuid": a.uuid,
        "author": a.owner.name,
        "to_me": False,
        "text": a.text,
        "created_at": a.created_at,
        "care": care_payload(request),
    }
