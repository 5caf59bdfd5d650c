from attunement.together import services
from tests.matrix import Route, World, everyone, shared, signed_in
from tests.together.helpers import (
    HIGHLIGHT,
    MATCHED,
    MATCHED_TEXT,
    REFUSED,
    REFUSED_TEXT,
    SECRET,
    both_say,
    make_plan,
    memory,
    past_plan,
    sealed_highlight,
)


def couples(code: int, alone: int = 409, anonymous: int = 302) -> dict:
    """Writes for the current couple: the ex-partner and the stranger have none."""
    return {
        "owner": code,
        "partner": code,
        "ex_partner": alone,
        "stranger": alone,
        "anonymous": anonymous,
    }


def match(w: World) -> tuple[dict, dict]:
    both_say(w.alice, w.bob)
    return {}, {}


def alice_says_no(w: World) -> tuple[dict, dict]:
    """Bob said yes to the blanket fort; Alice said no. Bob must never learn it."""
    both_say(w.alice, w.bob, REFUSED, mine="no", theirs="yes")
    return {}, {}


def alice_alone_says_no(w: World) -> tuple[dict, dict]:
    """Only Alice marked the blanket fort, no: her answers page shows it to her alone."""
    services.swipe(user=w.alice, activity_id=REFUSED, choice="no")
    return {}, {}


def plan(w: World) -> tuple[dict, dict]:
    return {"uuid": make_plan(w.alice, w.bob).uuid}, {}


def happened(w: World, data: dict | None = None) -> tuple[dict, dict]:
    return {"uuid": past_plan(w.alice, w.bob).uuid}, data or {}


def sealed(w: World) -> tuple[dict, dict]:
    return {"uuid": sealed_highlight(w.alice, w.bob).uuid}, {}


def remembered(w: World) -> tuple[dict, dict]:
    return {"uuid": memory(w.alice, w.bob).uuid}, {}


def feed(w: World) -> tuple[dict, dict]:
    make_plan(w.alice, w.bob)
    return {"token": services.new_feed(user=w.alice).token}, {}


def revoked_feed(w: World) -> tuple[dict, dict]:
    kwargs, _ = feed(w)
    services.revoke_feed(user=w.alice)
    return kwargs, {}


def no_kwargs(setup):
    return lambda w: ({}, setup(w)[1])


PLAN_DATA = {"day": "2026-06-20", "at": "19:00", "minutes": "120", "place": "", "note": "hi"}
PLAN_JSON = {"activity_id": MATCHED, "day": "2026-06-20", "at": "19:00", "note": "hi"}
FILTERS = {"max_cost": "low", "max_energy": "medium", "places": ["home", "distance"]}
SEALED = {"content": HIGHLIGHT, "sees": ("owner",)}
PLAN_SHARED = {"content": SECRET}
SHARED_API = shared(200, 401)

ROUTES = [
    Route("together", signed_in(200)),
    Route("together#match", signed_in(200), setup=match, content=MATCHED_TEXT),
    Route(
        "together#no_is_hidden", signed_in(200), setup=alice_says_no, content=REFUSED_TEXT, sees=()
    ),
    Route("together_filters", couples(302), method="POST", setup=lambda w: ({}, FILTERS)),
    Route("together_swipe", signed_in(200)),
    Route(
        "together_swipe#post",
        couples(302),
        method="POST",
        setup=lambda w: ({}, {"activity": MATCHED, "choice": "yes"}),
    ),
    Route(
        "together_swipe#unknown",
        {**couples(400, alone=400)},
        method="POST",
        setup=lambda w: ({}, {"activity": "a-999", "choice": "yes"}),
    ),
    Route(
        "together_answers",
        signed_in(200),
        setup=alice_alone_says_no,
        content=REFUSED_TEXT,
        sees=("owner",),
    ),
    Route(
        "together_answers#change",
        couples(302),
        method="POST",
        setup=lambda w: (match(w)[0], {"activity": MATCHED, "choice": "no"}),
    ),
    Route(
        "together_answers#take_back",
        couples(302),
        method="POST",
        setup=lambda w: (match(w)[0], {"activity": MATCHED, "choice": "undo"}),
    ),
    Route(
        "together_answers#bad",
        couples(400, alone=400),
        method="POST",
        setup=lambda w: ({}, {"activity": MATCHED, "choice": "never"}),
    ),
    Route("together_plan_new", signed_in(200), setup=lambda w: ({"activity_id": MATCHED}, {})),
    Route(
        "together_plan_new#unknown",
        signed_in(404),
        setup=lambda w: ({"activity_id": "a-999"}, {}),
    ),
    Route(
        "together_plan_new#post",
        couples(302),
        method="POST",
        setup=lambda w: ({"activity_id": MATCHED}, match(w)[1] or PLAN_DATA),
    ),
    Route(
        "together_plan_new#no_match",
        couples(409),
        method="POST",
        setup=lambda w: ({"activity_id": MATCHED}, PLAN_DATA),
    ),
    Route("together_plan", shared(200), setup=plan, **PLAN_SHARED),
    Route("together_plan#sealed", shared(200), setup=sealed, **SEALED),
    Route("together_plan#memory", shared(200), setup=remembered, content=HIGHLIGHT),
    # Cancelling asks first: the GET (and a POST without the confirmation) shows the question.
    Route("together_cancel", shared(200), setup=plan),
    Route(
        "together_cancel#confirmed",
        shared(302),
        method="POST",
        setup=lambda w: (plan(w)[0], {"confirm": "yes"}),
    ),
    Route("together_cancel#unconfirmed", shared(200), method="POST", setup=plan),
    Route("together_cancel#started", shared(409), setup=happened),
    Route(
        "together_highlight",
        shared(302),
        method="POST",
        setup=lambda w: happened(w, {"text": "lovely", "connection": "4"}),
    ),
    Route(
        "together_highlight#not_yet",
        shared(409),
        method="POST",
        setup=lambda w: (plan(w)[0], {"text": "lovely", "connection": "4"}),
    ),
    Route("together_plan_ics", shared(200), setup=plan, **PLAN_SHARED),
    Route("together_memories", signed_in(200), setup=no_kwargs(remembered), content=HIGHLIGHT),
    # A sealed highlight is not a memory yet: the timeline shows it to nobody.
    Route(
        "together_memories#sealed",
        signed_in(200),
        setup=no_kwargs(sealed),
        content=HIGHLIGHT,
        sees=(),
    ),
    Route("together_calendar", signed_in(200)),
    Route(
        "together_calendar#post",
        signed_in(302),
        method="POST",
        setup=lambda w: ({}, {"reminders": "on", "feed_details": "on"}),
    ),
    Route("together_feed_new", signed_in(302), method="POST"),
    Route("together_feed_revoke", signed_in(302), method="POST"),
    # The feed's secret token is its only key: it opens for whoever holds it, and says only
    # "Time together" unless its owner chose details.
    Route("together_feed", everyone(200), setup=feed, content=SECRET, sees=()),
    Route("together_feed#revoked", everyone(404), setup=revoked_feed),
    Route("together_feed#invalid", everyone(404), setup=lambda w: ({"token": "not-a-token"}, {})),
    Route("GET /api/v1/together/activities", signed_in(200, 401)),
    Route(
        "PUT /api/v1/together/swipes/{activity_id}",
        couples(200, anonymous=401),
        method="PUT",
        json=True,
        setup=lambda w: ({"activity_id": MATCHED}, {"choice": "maybe"}),
    ),
    Route(
        "PUT /api/v1/together/swipes/{activity_id}#unknown",
        couples(422, alone=422, anonymous=401),
        method="PUT",
        json=True,
        setup=lambda w: ({"activity_id": "a-999"}, {"choice": "yes"}),
    ),
    Route(
        "DELETE /api/v1/together/swipes/{activity_id}",
        couples(204, anonymous=401),
        method="DELETE",
        setup=lambda w: ({"activity_id": MATCHED}, match(w)[1]),
    ),
    Route(
        "DELETE /api/v1/together/swipes/{activity_id}#unknown",
        couples(422, alone=422, anonymous=401),
        method="DELETE",
        setup=lambda w: ({"activity_id": "a-999"}, {}),
    ),
    Route("GET /api/v1/together/matches", signed_in(200, 401), setup=match, content=MATCHED_TEXT),
    Route(
        "GET /api/v1/together/matches#no_is_hidden",
        signed_in(200, 401),
        setup=alice_says_no,
        content=REFUSED,
        sees=(),
    ),
    Route(
        "GET /api/v1/together/suggestions", signed_in(200, 401), setup=match, content=MATCHED_TEXT
    ),
    Route("GET /api/v1/together/filters", signed_in(200, 401)),
    Route(
        "PUT /api/v1/together/filters",
        couples(200, anonymous=401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, FILTERS),
    ),
    Route("GET /api/v1/together/plans", signed_in(200, 401), setup=no_kwargs(plan), **PLAN_SHARED),
    Route(
        "POST /api/v1/together/plans",
        couples(201, anonymous=401),
        method="POST",
        json=True,
        setup=lambda w: (match(w)[0], PLAN_JSON),
    ),
    Route("GET /api/v1/together/plans/{uuid}", SHARED_API, setup=plan, **PLAN_SHARED),
    Route("GET /api/v1/together/plans/{uuid}#sealed", SHARED_API, setup=sealed, **SEALED),
    Route(
        "POST /api/v1/together/plans/{uuid}/cancel",
        SHARED_API,
        method="POST",
        json=True,
        setup=plan,
    ),
    Route(
        "POST /api/v1/together/plans/{uuid}/highlight",
        shared(201, 401),
        method="POST",
        json=True,
        setup=lambda w: happened(w, {"text": "lovely", "connection": 4}),
    ),
    Route(
        "GET /api/v1/together/memories",
        signed_in(200, 401),
        setup=no_kwargs(remembered),
        content=HIGHLIGHT,
    ),
]
