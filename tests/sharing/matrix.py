from attunement.sharing.models import Answer
from tests.matrix import Route, World, owner_only, partner_only, signed_in
from tests.sharing.helpers import SECRET, answer, both_answer, journal_entry, past_question, today


def sealed(w: World) -> tuple[dict, dict]:
    """Alice has answered today's question; Bob has not."""
    a = answer(w.alice)
    return {"uuid": a.served.uuid}, {}


def revealed(w: World) -> tuple[dict, dict]:
    return {"uuid": both_answer(w.alice, w.bob).uuid}, {}


def alices_revealed_answer(w: World) -> tuple[dict, dict]:
    served = both_answer(w.alice, w.bob)
    return {"uuid": Answer.objects.get(served=served, owner=w.alice).uuid}, {}


def open_question(w: World, data: dict | None = None) -> tuple[dict, dict]:
    return {"uuid": today(w.alice).uuid}, data or {}


def old_question(w: World) -> tuple[dict, dict]:
    return {"uuid": past_question(w.alice).uuid}, {"text": "late"}


def no_kwargs(setup):
    """Run a setup for a route whose URL takes no arguments."""
    return lambda w: ({}, setup(w)[1])


def journal(w: World) -> tuple[dict, dict]:
    return {"uuid": journal_entry(w.alice).uuid}, {}


# Sealed: nobody but Alice may ever see her answer, whatever the page.
SEALED = {"content": SECRET, "sees": ("owner",)}
# Revealed: the partner sees it; after leaving, Bob opens only his own answer.
REVEALED_PAGE = {"owner": 200, "partner": 200, "ex_partner": 200, "stranger": 404, "anonymous": 302}
REVEALED_API = {**REVEALED_PAGE, "anonymous": 401}
COUPLES_QUESTION = {
    "owner": 200,
    "partner": 200,
    "ex_partner": 404,
    "stranger": 404,
    "anonymous": 302,
}
COUPLES_QUESTION_API = {**COUPLES_QUESTION, "anonymous": 401}


def couples(code: int, anonymous: int = 302) -> dict:
    return {
        "owner": code,
        "partner": code,
        "ex_partner": 404,
        "stranger": 404,
        "anonymous": anonymous,
    }


ROUTES = [
    Route("sharing_today", signed_in(200), setup=no_kwargs(sealed), **SEALED),
    Route("sharing_today#revealed", signed_in(200), setup=no_kwargs(revealed), content=SECRET),
    Route("sharing_question", COUPLES_QUESTION, setup=sealed, **SEALED),
    Route("sharing_question#revealed", REVEALED_PAGE, setup=revealed, content=SECRET),
    Route(
        "sharing_answer",
        couples(302),
        method="POST",
        setup=lambda w: open_question(w, {"text": "hi"}),
    ),
    Route("sharing_answer#not_today", couples(409), method="POST", setup=old_question),
    Route(
        "sharing_answer#empty",
        couples(400),
        method="POST",
        setup=lambda w: open_question(w, {"text": " "}),
    ),
    Route("sharing_skip", couples(302), method="POST", setup=sealed),
    Route(
        "sharing_skip#revealed", {**couples(409), "ex_partner": 409}, method="POST", setup=revealed
    ),
    Route(
        "sharing_favourite",
        {**REVEALED_PAGE, "owner": 302, "partner": 302, "ex_partner": 302},
        method="POST",
        setup=revealed,
    ),
    Route(
        "sharing_react",
        partner_only(302),
        method="POST",
        setup=lambda w: (alices_revealed_answer(w)[0], {"kind": "moved"}),
    ),
    Route(
        "sharing_check_reply",
        partner_only(200),
        method="POST",
        setup=lambda w: (alices_revealed_answer(w)[0], {"reply": "What made you think of it?"}),
        content=SECRET,
        sees=("partner",),
    ),
    Route("sharing_share", owner_only(302), method="POST", setup=journal),
    Route("sharing_history", signed_in(200), setup=no_kwargs(revealed), content=SECRET),
    Route("sharing_history#sealed", signed_in(200), setup=no_kwargs(sealed), **SEALED),
    Route("sharing_together", signed_in(200), setup=no_kwargs(sealed), content=SECRET, sees=()),
    Route(
        "sharing_together#deck",
        signed_in(200),
        setup=lambda w: ({}, {"depth": "light", "n": "2", "timer": "2"}),
    ),
    Route("sharing_comfort", signed_in(200)),
    Route(
        "sharing_comfort#post",
        signed_in(302),
        method="POST",
        setup=lambda w: ({}, {"ceiling": "personal"}),
    ),
    Route("GET /api/v1/sharing/today", signed_in(200, 401), setup=no_kwargs(sealed), **SEALED),
    Route("GET /api/v1/sharing/questions/{uuid}", COUPLES_QUESTION_API, setup=sealed, **SEALED),
    Route(
        "GET /api/v1/sharing/questions/{uuid}#revealed",
        REVEALED_API,
        setup=revealed,
        content=SECRET,
    ),
    Route(
        "POST /api/v1/sharing/questions/{uuid}/answer",
        couples(201, 401),
        method="POST",
        json=True,
        setup=lambda w: open_question(w, {"text": "hello"}),
    ),
    Route(
        "POST /api/v1/sharing/questions/{uuid}/answer#not_today",
        couples(409, 401),
        method="POST",
        json=True,
        setup=old_question,
    ),
    Route(
        "POST /api/v1/sharing/questions/{uuid}/skip",
        couples(200, 401),
        method="POST",
        json=True,
        setup=sealed,
        content=SECRET,
        sees=(),
    ),
    Route(
        "POST /api/v1/sharing/questions/{uuid}/favourite",
        {**REVEALED_API},
        method="POST",
        json=True,
        setup=revealed,
    ),
    Route(
        "GET /api/v1/sharing/history",
        signed_in(200, 401),
        setup=no_kwargs(revealed),
        content=SECRET,
    ),
    Route(
        "GET /api/v1/sharing/history#sealed", signed_in(200, 401), setup=no_kwargs(sealed), **SEALED
    ),
    Route(
        "POST /api/v1/sharing/answers/{uuid}/reactions",
        partner_only(201, 401),
        method="POST",
        json=True,
        setup=lambda w: (alices_revealed_answer(w)[0], {"kind": "moved", "reply": "Tell me more"}),
    ),
    Route(
        "POST /api/v1/sharing/answers/{uuid}/share",
        owner_only(200, 401),
        method="POST",
        json=True,
        setup=journal,
    ),
    Route("GET /api/v1/sharing/comfort", signed_in(200, 401)),
    Route(
        "PUT /api/v1/sharing/comfort",
        signed_in(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({}, {"ceiling": "light"}),
    ),
]
