"""Time-together API: the catalogue, private swipes, matches, suggestions, plans, memories.

Routes load through the gate (via reading.py), call the service and serialise with the
models' own `to_dict`; refusals and 404s are answered by the handlers in attunement/api.py.
A partner's swipes never appear here except as a match.
"""

from datetime import date, datetime, time
from typing import Any, Literal
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.paging import window
from attunement.safety import screening
from attunement.safety.schemas import WithCare
from attunement.together import reading, services
from attunement.together.models import HIGHLIGHT_MAX, NOTE_MAX, PLACE_MAX, Choice, Plan, Swipe

router = Router()

Place = Literal["home", "out", "distance"]
Cost = Literal["free", "low", "medium", "splurge"]
Energy = Literal["low", "medium", "high"]


class ActivityOut(Schema):
    id: str
    text: str
    novelty: str
    energy: str
    cost: str
    time: str
    place: str
    season: str
    kind: str
    my_choice: str | None


class SwipeIn(Schema):
    choice: Choice


class SwipeOut(Schema):
    activity_id: str
    choice: Choice
    match: bool


class MatchOut(Schema):
    activity_id: str
    text: str
    mine: Choice
    theirs: Choice
    both_yes: bool
    since: datetime


class SuggestionOut(Schema):
    activity_id: str
    text: str
    both_yes: bool
    why: str


class FiltersIO(Schema):
    max_cost: Cost
    max_energy: Energy
    places: list[Place] = Field(min_length=1, max_length=3)


class HighlightOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    text: str
    connection: int
    revealed: bool


class PlanOut(Schema):
    uuid: UUID
    activity_id: str
    text: str
    starts_at: datetime
    ends_at: datetime
    local_start: str
    time_zone: str
    place: str
    note: str
    planned_by: str
    cancelled: bool
    cancelled_by: str | None
    memory_revealed: bool
    highlights: list[HighlightOut]


class PlanIn(Schema):
    activity_id: str = Field(max_length=8)
    day: date
    at: time
    minutes: int = Field(default=120, ge=1, le=1440)
    place: str = Field(default="", max_length=PLACE_MAX)
    note: str = Field(default="", max_length=NOTE_MAX)


class PlannedOut(PlanOut, WithCare):
    """The planner's own response: `care` only when their words suggest risk."""


class HighlightIn(Schema):
    text: str = Field(max_length=HIGHLIGHT_MAX)
    connection: int = Field(ge=1, le=5)


class HighlightSavedOut(HighlightOut, WithCare):
    pass


@router.get("/activities", response=list[ActivityOut])
def activities(
    request: SignedInRequest,
    place: Place | None = None,
    kind: str = "",
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The catalogue, with this person's own mark on each (never the partner's)."""
    mine = reading.own_choices(request.auth)
    rows = [
        a
        for a in content.load("activities")
        if (place is None or a["place"] == place) and (not kind or a["kind"] == kind)
    ]
    return [{**a, "my_choice": mine.get(a["id"])} for a in rows[window(limit, offset)]]


@router.put("/swipes/{activity_id}", response=SwipeOut)
def swipe(request: SignedInRequest, activity_id: str, payload: SwipeIn) -> dict[str, Any]:
    row = services.swipe(user=request.auth, activity_id=activity_id, choice=payload.choice)
    matched = activity_id in access.mutual_choices(request.auth, Swipe.objects)
    return {"activity_id": row.activity_id, "choice": row.choice, "match": matched}


@router.delete("/swipes/{activity_id}", response={204: None})
def clear_swipe(request: SignedInRequest, activity_id: str) -> tuple[int, None]:
    """Take back a mark: the activity is unmarked again (a match it made ends)."""
    services.clear_swipe(user=request.auth, activity_id=activity_id)
    return 204, None


@router.get("/matches", response=list[MatchOut])
def matches(request: SignedInRequest) -> list[dict[str, Any]]:
    return [
        {
            "activity_id": m.activity["id"],
            "text": m.activity["text"],
            "mine": m.mine,
            "theirs": m.theirs,
            "both_yes": m.both_yes,
            "since": m.since,
        }
        for m in reading.matches(request.auth)
    ]


@router.get("/suggestions", response=list[SuggestionOut])
def suggestions(request: SignedInRequest) -> list[dict[str, Any]]:
    found = reading.matches(request.auth)
    return [
        {
            "activity_id": s.activity["id"],
            "text": s.activity["text"],
            "both_yes": s.both_yes,
            "why": s.why,
        }
        for s in reading.suggestions(request.auth, found)
    ]


@router.get("/filters", response=FiltersIO)
def get_filters(request: SignedInRequest) -> dict[str, Any]:
    f = services.filters_for(request.auth)
    return {"max_cost": f.max_cost, "max_energy": f.max_energy, "places": list(f.places)}


@router.put("/filters", response=FiltersIO)
def put_filters(request: SignedInRequest, payload: FiltersIO) -> dict[str, Any]:
    f = services.set_filters(
        user=request.auth,
        max_cost=payload.max_cost,
        max_energy=payload.max_energy,
        places=list(payload.places),
    )
    return {"max_cost": f.max_cost, "max_energy": f.max_energy, "places": list(f.places)}


def _plan(request: SignedInRequest, uuid: UUID) -> Plan:
    return access.get_visible_or_404(request.auth, reading.plans(request.auth), uuid=uuid)


@router.get("/plans", response=list[PlanOut])
def plans(
    request: SignedInRequest, upcoming: bool = False, limit: int = 30, offset: int = 0
) -> list[dict[str, Any]]:
    rows = (
        reading.upcoming(request.auth)
        if upcoming
        else reading.plans(request.auth).order_by("-starts_at")
    )
    return [p.to_dict(request.auth) for p in rows[window(limit, offset)]]


@router.post("/plans", response={201: PlannedOut})
def plan(request: SignedInRequest, payload: PlanIn) -> tuple[int, dict[str, Any]]:
    made = services.plan_activity(user=request.auth, **payload.dict())
    return 201, {
        **_plan(request, made.uuid).to_dict(request.auth),
        "care": screening.care_payload(),
    }


@router.get("/plans/{uuid}", response=PlanOut)
def plan_detail(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    return _plan(request, uuid).to_dict(request.auth)


@router.post("/plans/{uuid}/cancel", response=PlanOut)
def cancel(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    services.cancel_plan(user=request.auth, plan=_plan(request, uuid))
    return _plan(request, uuid).to_dict(request.auth)


@router.post("/plans/{uuid}/highlight", response={201: HighlightSavedOut})
def highlight(
    request: SignedInRequest, uuid: UUID, payload: HighlightIn
) -> tuple[int, dict[str, Any]]:
    saved = services.write_highlight(
        user=request.auth,
        plan=_plan(request, uuid),
        text=payload.text,
        connection=payload.connection,
    )
    return 201, {**saved.to_dict(request.auth), "care": screening.care_payload()}


@router.get("/memories", response=list[PlanOut])
def memories(request: SignedInRequest, limit: int = 30, offset: int = 0) -> list[dict[str, Any]]:
    rows = reading.memories(request.auth)[window(limit, offset)]
    return [p.to_dict(request.auth) for p in rows]
