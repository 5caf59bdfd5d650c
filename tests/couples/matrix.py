from attunement.couples.services import create_invitation
from tests.matrix import Route, World, everyone, owner_only, signed_in

ANY_PAGE = (200, 302)


def invitation(w: World) -> tuple[dict, dict]:
    from attunement.couples.services import leave_couple

    leave_couple(user=w.alice)  # alice must be single to invite
    inv, raw = create_invitation(inviter=w.alice)
    return {"uuid": inv.uuid}, {}


def join_token(w: World) -> tuple[dict, dict]:
    inv, raw = create_invitation(inviter=w.charlie)
    return {"token": raw}, {}


ROUTES = [
    Route("couple", signed_in(200)),
    Route(
        "couple#post",
        # Single people get a link and are sent back to the page (post/redirect/get); partners
        # are refused: already paired.
        {**signed_in(302), "owner": 409, "partner": 409},
        method="POST",
        setup=lambda w: ({}, {"email": ""}),
    ),
    # An open invitation from charlie: anyone may look at the landing page.
    Route("join", everyone(200), setup=join_token),
    Route(
        "join#post",
        {"owner": 409, "partner": 409, "ex_partner": 302, "stranger": 409, "anonymous": 200},
        method="POST",
        setup=join_token,
    ),
    Route("join#invalid", everyone(404), setup=lambda w: ({"token": "not-a-real-token"}, {})),
    Route("leave", {**signed_in(200), "ex_partner": 302, "stranger": 302}),
    Route("leave#post", {**signed_in(302)}, method="POST"),
    Route("revoke_invitation", owner_only(302), method="POST", setup=invitation),
    Route("GET /api/v1/couple", signed_in(200, 401)),
    Route(
        "POST /api/v1/couple/invitations",
        {**signed_in(409, 401), "ex_partner": 201, "stranger": 201},
        method="POST",
    ),
    Route(
        "POST /api/v1/couple/join",
        {**signed_in(409, 401), "ex_partner": 200},
        method="POST",
        json=True,
        setup=lambda w: ({}, {"token": join_token(w)[0]["token"]}),
    ),
    Route("POST /api/v1/couple/leave", signed_in(200, 401), method="POST"),
]
