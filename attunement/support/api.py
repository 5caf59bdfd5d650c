from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field, field_validator

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.lib.paging import window
from attunement.safety import screening
from attunement.safety.schemas import WithCare
from attunement.support import services
from attunement.support.feelings import FeelingId
from attunement.support.models import (
    MAX_FEELINGS,
    MESSAGE_MAX,
    NOTE_MAX,
    Appreciation,
    CheckIn,
    CheckInVisibility,
)
from attunement.support.needs import Need, QuickResponse

router = Router()


class ResponseOut(Schema):
    uuid: UUID
    author: str
    quick: str
    quick_text: str
    message: str
    created_at: datetime


class CheckInOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    local_date: date
    feelings: list[str]
    feeling_labels: list[str]
    intensity: int
    energy: int
    need: Need
    need_label: str
    note: str
    visibility: Visibility
    turned_toward_at: datetime | None
    responses: list[ResponseOut]


class CheckInIn(Schema):
    feelings: list[FeelingId] = Field(min_length=1, max_length=MAX_FEELINGS)
    intensity: int = Field(ge=1, le=5)
    energy: int = Field(ge=1, le=5)
    need: Need
    note: str = Field(default="", max_length=NOTE_MAX)
    visibility: CheckInVisibility = CheckInVisibility.SHARED


class ResponseIn(Schema):
    quick: QuickResponse | None = None
    message: str = Field(default="", max_length=MESSAGE_MAX)

    @field_validator("quick", mode="before")
    @classmethod
    def blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


class AppreciationIn(Schema):
    text: str = Field(max_length=MESSAGE_MAX)


class AppreciationOut(Schema):
    uuid: UUID
    author: str
    to_me: bool
    text: str
    created_at: datetime


class CheckInSavedOut(CheckInOut, WithCare):
    """The writer's own copy: `care` (private resources) only when the note suggests risk."""


class ResponseSentOut(ResponseOut, WithCare):
    pass


class AppreciationSentOut(AppreciationOut, WithCare):
    pass


@router.get("/checkins", response=list[CheckInOut])
def list_check_ins(
    request: SignedInRequest, limit: int = 30, offset: int = 0
) -> list[dict[str, Any]]:
    readable = access.visible(request.auth, CheckIn.objects.with_responses_for(request.auth))
    rows = readable.order_by("-local_date", "-created_at")[window(limit, offset)]
    return [c.to_dict(request.auth) for c in rows]


@router.put("/checkins/today", response=CheckInSavedOut)
def save_today(request: SignedInRequest, payload: CheckInIn) -> dict[str, Any]:
    saved = services.save_check_in(user=request.auth, **payload.dict())
    c = access.get_own_or_404(
        request.auth, CheckIn.objects.with_responses_for(request.auth), pk=saved.pk
    )
    return {**c.to_dict(request.auth), "care": screening.care_payload()}


@router.get("/checkins/{uuid}", response=CheckInOut)
def get_check_in(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    c = access.get_visible_or_404(
        request.auth, CheckIn.objects.with_responses_for(request.auth), uuid=uuid
    )
    return c.to_dict(request.auth)


@router.post("/checkins/{uuid}/responses", response={201: ResponseSentOut})
def respond(
    request: SignedInRequest, uuid: UUID, payload: ResponseIn
) -> tuple[int, dict[str, Any]]:
    c = access.get_visible_or_404(
        request.auth, access.partners_rows(request.auth, CheckIn.objects), uuid=uuid
    )
    r = services.respond_to_check_in(
        user=request.auth, check_in=c, quick=payload.quick or "", message=payload.message
    )
    return 201, {**r.to_dict(request.auth), "care": screening.care_payload()}


@router.get("/appreciations", response=list[AppreciationOut])
def list_appreciations(request: SignedInRequest) -> list[dict[str, Any]]:
    rows = access.visible(request.auth, Appreciation.objects).select_related("owner")[:100]
    return [a.to_dict(request.auth) for a in rows]


@router.post("/appreciations", response={201: AppreciationSentOut})
def send_appreciation(
    request: SignedInRequest, payload: AppreciationIn
) -> tuple[int, dict[str, Any]]:
    a = services.send_appreciation(user=request.auth, text=payload.text)
    return 201, {**a.to_dict(request.auth), "care": screening.care_payload()}
