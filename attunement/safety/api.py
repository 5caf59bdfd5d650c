"""/api/v1/safety: the person's own safety data only. Nothing here ever answers for a partner."""

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.paging import window
from attunement.safety import care, screening, services
from attunement.safety.hooks import JOINT_OFF_MESSAGE, joint_exercises_allowed
from attunement.safety.models import JOURNAL_MAX, JournalEntry, ScreenResult
from attunement.safety.schemas import ResourceOut, WithCare

router = Router()


class StatusOut(Schema):
    screen_taken: bool
    joint_exercises_allowed: bool
    message: str


class ScreenItemOut(Schema):
    id: str
    text: str


class ScreenOut(Schema):
    intro: str
    scale: dict[int, str]
    items: list[ScreenItemOut]


class ScreenIn(Schema):
    answers: dict[str, int]


class ScreenResultOut(Schema):
    uuid: UUID
    created_at: datetime
    at_risk: bool
    message: str
    resources: list[ResourceOut]


class JournalIn(Schema):
    text: str = Field(max_length=JOURNAL_MAX)


class JournalOut(Schema):
    uuid: UUID
    text: str
    created_at: datetime
    updated_at: datetime


class JournalWrittenOut(JournalOut, WithCare):
    pass


@router.get("", response=StatusOut)
def status(request: SignedInRequest) -> dict[str, Any]:
    allowed = joint_exercises_allowed(access.current_couple(request.auth))
    return {
        "screen_taken": services.latest_answered_screen(request.auth) is not None,
        "joint_exercises_allowed": allowed,
        "message": "" if allowed else JOINT_OFF_MESSAGE,
    }


@router.get("/resources", response=list[ResourceOut])
def resources(request: SignedInRequest, region: str = "") -> list[dict[str, Any]]:
    return care.resources(region)


@router.get("/screen", response=ScreenOut)
def screen_questions(request: SignedInRequest) -> dict[str, Any]:
    return {
        "intro": content.screen_texts()["intro"],
        "scale": content.screen_scale(),
        "items": [{"id": i["id"], "text": i["text"]} for i in content.load("safety_screen")],
    }


@router.post("/screen", response={201: ScreenResultOut})
def submit_screen(request: SignedInRequest, payload: ScreenIn) -> tuple[int, dict[str, Any]]:
    result = services.submit_screen(user=request.auth, answers=payload.answers)
    return 201, result.to_dict()


@router.get("/screen/{uuid}", response=ScreenResultOut)
def screen_result(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    result = access.get_own_or_404(
        request.auth, ScreenResult.objects.filter(skipped=False), uuid=uuid
    )
    return result.to_dict()


@router.get("/journal", response=list[JournalOut])
def list_journal(request: SignedInRequest, limit: int = 30, offset: int = 0) -> list[JournalEntry]:
    return list(access.own(request.auth, JournalEntry.objects)[window(limit, offset)])


@router.post("/journal", response={201: JournalWrittenOut})
def write_journal(request: SignedInRequest, payload: JournalIn) -> tuple[int, dict[str, Any]]:
    entry = services.write_journal_entry(user=request.auth, text=payload.text)
    return 201, {**entry.to_dict(), "care": screening.care_payload()}


@router.get("/journal/{uuid}", response=JournalOut)
def get_journal(request: SignedInRequest, uuid: UUID) -> JournalEntry:
    return access.get_own_or_404(request.auth, JournalEntry.objects, uuid=uuid)


@router.put("/journal/{uuid}", response=JournalWrittenOut)
def edit_journal(request: SignedInRequest, uuid: UUID, payload: JournalIn) -> dict[str, Any]:
    entry = access.get_own_or_404(request.auth, JournalEntry.objects, uuid=uuid)
    services.edit_journal_entry(entry=entry, text=payload.text)
    return {**entry.to_dict(), "care": screening.care_payload()}


@router.delete("/journal/{uuid}", response={204: None})
def delete_journal(request: SignedInRequest, uuid: UUID) -> tuple[int, None]:
    entry = access.get_own_or_404(request.auth, JournalEntry.objects, uuid=uuid)
    services.delete_journal_entry(entry=entry)
    return 204, None


@router.post("/misread", response={204: None})
def misread(request: SignedInRequest) -> tuple[int, None]:
    """ "This isn't what I meant" for the caller's latest flag: counted as a false alarm."""
    services.mark_misread(user=request.auth)
    return 204, None
