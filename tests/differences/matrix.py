from attunement.differences import services
from attunement.differences.demo import answers_for
from tests.differences.helpers import (
    ALICE,
    ALICES_CLOSENESS,
    BOB,
    PROCESSING_CARD,
    PROCESSING_CARD_ID,
    all_scales,
    both_done,
    closeness_answers,
    take,
)
from tests.matrix import Route, World, signed_in

NOT_YOURS = {"owner": 404, "partner": 404, "ex_partner": 404, "stranger": 404}


def private_profile(w: World) -> tuple[dict, dict]:
    take(w.alice, ALICE)
    return {}, {}


def shared_profile(w: World) -> tuple[dict, dict]:
    take(w.alice, ALICE, shared=True)
    return {}, {}


def revealed(w: World) -> tuple[dict, dict]:
    both_done(w.alice, w.bob)
    return {}, {}


def talked(w: World) -> tuple[dict, dict]:
    both_done(w.alice, w.bob)
    services.record_card_talk(user=w.alice, card_id=PROCESSING_CARD_ID)
    return {}, {}


def signed_in_all(code: int, anonymous: int = 302) -> dict[str, int]:
    return {
        **dict.fromkeys(("owner", "partner", "ex_partner", "stranger"), code),
        "anonymous": anonymous,
    }


def couples(code: int, anonymous: int) -> dict[str, int]:
    """For two: the couple gets `code`; without a partner it is refused (409)."""
    return {
        "owner": code,
        "partner": code,
        "ex_partner": 409,
        "stranger": 409,
        "anonymous": anonymous,
    }


# Alice's private profile: only she ever sees it.
PRIVATE = {"content": ALICES_CLOSENESS, "sees": ("owner",)}
# The revealed map of two shared profiles: the couple sees it, nobody else.
MAP = {"content": PROCESSING_CARD, "sees": ("owner", "partner")}
FULL = {"answers": answers_for(ALICE)}

ROUTES = [
    Route("differences", signed_in(200)),
    Route("differences#private", signed_in(200), setup=private_profile, **PRIVATE),
    Route("differences_take", signed_in(302)),
    Route("differences_step", signed_in(200), setup=lambda w: ({"dimension": "closeness"}, {})),
    Route(
        "differences_step#post",
        signed_in(302),
        method="POST",
        setup=lambda w: ({"dimension": "closeness"}, closeness_answers()),
    ),
    Route(
        "differences_step#unknown",
        {**NOT_YOURS, "anonymous": 302},
        setup=lambda w: ({"dimension": "nope"}, {}),
    ),
    Route(
        "differences_share",
        {"owner": 302, "partner": 409, "ex_partner": 409, "stranger": 409, "anonymous": 302},
        method="POST",
        setup=lambda w: (private_profile(w)[0], {"shared": "1"}),
    ),
    Route("differences_guess", signed_in(200)),
    Route(
        "differences_guess#post",
        couples(302, 302),
        method="POST",
        setup=lambda w: ({}, {k: str(v) for k, v in BOB.items()}),
    ),
    Route("differences_map", signed_in(200), setup=revealed, **MAP),
    Route(
        "differences_map#talked",
        signed_in(200),
        setup=talked,
        content="You talked about this today",
        sees=("owner", "partner"),
    ),
    Route(
        "differences_card_talked",
        couples(302, 302),
        method="POST",
        setup=lambda w: ({"card_id": PROCESSING_CARD_ID}, revealed(w)[1]),
    ),
    Route(
        "differences_card_talked#unknown",
        signed_in_all(400),
        method="POST",
        setup=lambda w: ({"card_id": "d-99"}, revealed(w)[1]),
    ),
    # A card the map does not show them (they are not both at the high end of closeness).
    Route(
        "differences_card_talked#not_on_map",
        signed_in_all(409),
        method="POST",
        setup=lambda w: ({"card_id": "d-12"}, revealed(w)[1]),
    ),
    Route(
        "POST /api/v1/differences/cards/{card_id}/talked",
        couples(201, 401),
        method="POST",
        json=True,
        setup=lambda w: ({"card_id": PROCESSING_CARD_ID}, revealed(w)[1]),
    ),
    Route(
        "differences_card_talk_undone",
        couples(302, 302),
        method="POST",
        setup=lambda w: ({"card_id": PROCESSING_CARD_ID}, talked(w)[1]),
    ),
    Route(
        "differences_card_talk_undone#nothing_today",
        {**couples(409, 302)},
        method="POST",
        setup=lambda w: ({"card_id": PROCESSING_CARD_ID}, revealed(w)[1]),
    ),
    Route(
        "DELETE /api/v1/differences/cards/{card_id}/talked",
        couples(204, 401),
        method="DELETE",
        json=True,
        setup=lambda w: ({"card_id": PROCESSING_CARD_ID}, talked(w)[1]),
    ),
    Route(
        "POST /api/v1/differences/cards/{card_id}/talked#unknown",
        signed_in_all(422, 401),
        method="POST",
        json=True,
        setup=lambda w: ({"card_id": "d-99"}, revealed(w)[1]),
    ),
    Route("GET /api/v1/differences/items", signed_in(200, 401)),
    Route(
        "POST /api/v1/differences/responses",
        signed_in(201, 401),
        method="POST",
        json=True,
        setup=lambda w: ({}, FULL),
    ),
    Route(
        "POST /api/v1/differences/responses#missing",
        signed_in(422, 401),
        method="POST",
        json=True,
        setup=lambda w: ({}, {"answers": closeness_answers()}),
    ),
    Route("GET /api/v1/differences/profiles", signed_in(200, 401)),
    Route(
        "GET /api/v1/differences/profiles#private",
        signed_in(200, 401),
        setup=private_profile,
        **PRIVATE,
    ),
    Route(
        "GET /api/v1/differences/profiles#shared",
        signed_in(200, 401),
        setup=shared_profile,
        content=ALICES_CLOSENESS,
    ),
    Route(
        "PUT /api/v1/differences/profiles/sharing",
        {"owner": 200, "partner": 409, "ex_partner": 409, "stranger": 409, "anonymous": 401},
        method="PUT",
        json=True,
        setup=lambda w: (private_profile(w)[0], {"shared": True}),
    ),
    Route("GET /api/v1/differences/guess", signed_in(200, 401)),
    Route(
        "PUT /api/v1/differences/guess",
        couples(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, {"scores": all_scales(4)}),
    ),
    Route(
        "PUT /api/v1/differences/guess#out_of_range",
        couples(422, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, {"scores": all_scales(8)}),
    ),
    Route("GET /api/v1/differences/comparison", signed_in(200, 401), setup=revealed, **MAP),
]
