from attunement.couples.models import Visibility
from tests import builders
from tests.matrix import Route, World, owner_only, partner_only, shared, signed_in

NOTE = "a note only we may read"


def shared_check_in(w: World) -> tuple[dict, dict]:
    c = builders.check_in(
        w.alice, couple=w.couple, need="listened", note=NOTE, visibility=Visibility.SHARED
    )
    return {"uuid": c.uuid}, {}


def private_check_in(w: World) -> tuple[dict, dict]:
    c = builders.check_in(
        w.alice, couple=w.couple, need="listened", note=NOTE, visibility=Visibility.PRIVATE
    )
    return {"uuid": c.uuid}, {}


def respond_data(w: World) -> tuple[dict, dict]:
    kwargs, _ = shared_check_in(w)
    return kwargs, {"quick": "hug"}


def appreciation(w: World) -> tuple[dict, dict]:
    builders.appreciation(w.alice, w.bob, couple=w.couple, visibility=Visibility.SHARED, text=NOTE)
    return {}, {}


CHECK_IN_FORM = {
    "feelings": ["calm"],
    "intensity": "3",
    "energy": "3",
    "need": "nothing",
    "visibility": "shared",
}
CHECK_IN_JSON = {"feelings": ["calm"], "intensity": 3, "energy": 3, "need": "nothing"}

ROUTES = [
    Route("check_in", signed_in(200)),
    Route("check_in#post", signed_in(302), method="POST", setup=lambda w: ({}, CHECK_IN_FORM)),
    Route("history", signed_in(200)),
    Route("check_in_detail", shared(), setup=shared_check_in, content=NOTE),
    Route(
        "check_in_detail#private",
        owner_only(),
        setup=private_check_in,
        content=NOTE,
        sees=("owner",),
    ),
    Route("respond", partner_only(302), method="POST", setup=respond_data),
    Route("appreciations", signed_in(200), setup=appreciation, content=NOTE),
    Route("GET /api/v1/checkins", signed_in(200, 401)),
    Route(
        "PUT /api/v1/checkins/today",
        signed_in(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, CHECK_IN_JSON),
    ),
    Route("GET /api/v1/checkins/{uuid}", shared(200, 401), setup=shared_check_in, content=NOTE),
    Route(
        "GET /api/v1/checkins/{uuid}#private",
        owner_only(200, 401),
        setup=private_check_in,
        content=NOTE,
        sees=("owner",),
    ),
    Route(
        "POST /api/v1/checkins/{uuid}/responses",
        partner_only(201, 401),
        method="POST",
        json=True,
        setup=respond_data,
    ),
    Route("GET /api/v1/appreciations", signed_in(200, 401), setup=appreciation, content=NOTE),
    Route(
        "POST /api/v1/appreciations",
        {**signed_in(201, 401), "ex_partner": 409, "stranger": 409},
        method="POST",
        json=True,
        setup=lambda w: ({}, {"text": "thank you"}),
    ),
]
