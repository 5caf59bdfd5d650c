"""The differences API: the items, a person's responses and profiles, guesses and the map.

Everything goes through the same gate and services as the pages: the partner's profile only
when shared, their guess only once both are done.
"""

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Router, Schema
from pydantic import Field, StrictInt, StringConstraints

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.differences import compare, scoring, services
from attunement.differences.models import ProfileVisibility, StyleTake

router = Router()
Key = Annotated[str, StringConstraints(max_length=40)]


class ItemOut(Schema):
    id: str
    text: str
    scale: str


class ScaleOut(Schema):
    id: str
    title: str
    low: str
    high: str


class DimensionOut(Schema):
    id: str
    title: str
    intro: str
    items: list[ItemOut]
    scales: list[ScaleOut]


class ItemsOut(Schema):
    answers: dict[int, str]
    dimensions: list[DimensionOut]


class ScoreOut(Schema):
    scale: str
    title: str
    score: float
    band: str
    explanation: str


class ProfileOut(Schema):
    uuid: UUID
    owner: str
    mine: bool
    completed_at: datetime
    visibility: ProfileVisibility
    scores: list[ScoreOut]


class ProfilesOut(Schema):
    mine: ProfileOut | None
    history: list[ProfileOut]
    partner: ProfileOut | None


class ResponsesIn(Schema):
    answers: dict[Key, StrictInt] = Field(max_length=100)


class SharingIn(Schema):
    shared: bool


class SharingOut(Schema):
    shared: bool
    profiles: int


class GuessIn(Schema):
    scores: dict[Key, StrictInt] = Field(max_length=40)


class GuessOut(Schema):
    uuid: UUID
    owner: str
    about: str
    mine: bool
    scores: dict[str, int]
    revealed: bool


class MyGuessOut(Schema):
    guess: GuessOut | None


class RowOut(Schema):
    scale: str
    title: str
    mine: float | None
    partners: float | None
    my_guess_of_partner: int | None
    partners_guess_of_me: int | None


class KnowingOut(Schema):
    guesser: str
    about: str
    close: int
    total: int


class CardOut(Schema):
    id: str
    scale: str
    title: str
    text: str
    ideas: list[str]
    talked_on: date | None  # the last day the couple marked "we talked about this one"


class CardTalkOut(Schema):
    card_id: str
    talked_on: date


class ComparisonOut(Schema):
    state: str
    partner: str | None
    rows: list[RowOut]
    differs_most: list[str]
    knowing: list[KnowingOut]
    cards: list[CardOut]


@router.get("/items", response=ItemsOut)
def items(request: SignedInRequest) -> dict[str, Any]:
    return {
        "answers": scoring.answer_labels(),
        "dimensions": [
            {
                "id": d.id,
                "title": d.title,
                "intro": d.intro,
                "items": [{**i, "scale": scoring.scale_of(i)} for i in d.items],
                "scales": [s.__dict__ for s in d.scales],
            }
            for d in scoring.dimensions()
        ],
    }


@router.post("/responses", response={201: ProfileOut})
def respond(request: SignedInRequest, payload: ResponsesIn) -> tuple[int, dict[str, Any]]:
    take = services.submit_take(user=request.auth, answers=dict(payload.answers))
    return 201, take.to_dict(request.auth)


@router.get("/profiles", response=ProfilesOut)
def profiles(request: SignedInRequest) -> dict[str, Any]:
    user = request.auth
    mine = list(
        access.own(user, StyleTake.objects.filter(completed_at__isnull=False))
        .select_related("owner")
        .order_by("-completed_at")[:20]
    )
    partner = (
        access.partners_rows(user, StyleTake.objects.filter(completed_at__isnull=False))
        .select_related("owner")
        .order_by("-completed_at")
        .first()
    )
    return {
        "mine": mine[0].to_dict(user) if mine else None,
        "history": [t.to_dict(user) for t in mine[1:]],
        "partner": partner.to_dict(user) if partner else None,
    }


@router.put("/profiles/sharing", response=SharingOut)
def sharing(request: SignedInRequest, payload: SharingIn) -> dict[str, Any]:
    count = services.set_profile_sharing(user=request.auth, shared=payload.shared)
    return {"shared": payload.shared, "profiles": count}


@router.get("/guess", response=MyGuessOut)
def my_guess(request: SignedInRequest) -> dict[str, Any]:
    found = compare.build(request.auth)
    return {"guess": found.my_guess.to_dict(request.auth) if found.my_guess else None}


@router.put("/guess", response=GuessOut)
def guess(request: SignedInRequest, payload: GuessIn) -> dict[str, Any]:
    saved = services.save_guess(user=request.auth, scores=dict(payload.scores))
    return saved.to_dict(request.auth)


@router.get("/comparison", response=ComparisonOut)
def comparison(request: SignedInRequest) -> dict[str, Any]:
    found = compare.build(request.auth).to_dict()
    talks = compare.card_talks(request.auth) if found["cards"] else {}
    found["cards"] = [{**card, "talked_on": talks.get(card["id"])} for card in found["cards"]]
    return found


@router.post("/cards/{card_id}/talked", response={201: CardTalkOut})
def card_talked(request: SignedInRequest, card_id: str) -> tuple[int, dict[str, Any]]:
    """The couple talked about this card on their map today (either of them marks it)."""
    talk = services.record_card_talk(user=request.auth, card_id=card_id)
    return 201, {"card_id": talk.card_id, "talked_on": talk.talked_on}


@router.delete("/cards/{card_id}/talked", response={204: None})
def card_talk_undone(request: SignedInRequest, card_id: str) -> tuple[int, None]:
    """Take back today's mark on this card (either of them; earlier days stay)."""
    services.take_back_card_talk(user=request.auth, card_id=card_id)
    return 204, None
