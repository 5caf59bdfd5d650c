import json

from attunement import content
from attunement.safety.models import JournalEntry, SafetyEvent, ScreenResult
from tests.matrix import Route, World, everyone, owner_only, signed_in

NOTE = "a journal line only I may read"
ALL_CLEAR = {
    **{f"s-{n:02}": 0 for n in range(1, 15)},
    "s-08": 3,
}


def answers() -> dict[str, int]:
    assert set(ALL_CLEAR) == {item["id"] for item in content.load("safety_screen")}
    return dict(ALL_CLEAR)


def screen_form(w: World) -> tuple[dict, dict]:
    return {}, {k: str(v) for k, v in answers().items()}


def screen_result(w: World) -> tuple[dict, dict]:
    r = ScreenResult.objects.create(owner=w.alice, couple=w.couple, answers=json.dumps(answers()))
    return {"uuid": r.uuid}, {}


def journal_entry(w: World) -> tuple[dict, dict]:
    e = JournalEntry.objects.create(owner=w.alice, text=NOTE)
    return {"uuid": e.uuid}, {"text": "a new line"}


def entry_only(w: World) -> tuple[dict, dict]:
    return journal_entry(w)[0], {}


def journal_listed(w: World) -> tuple[dict, dict]:
    journal_entry(w)
    return {}, {"text": "another line"}


def flagged(w: World) -> tuple[dict, dict]:
    SafetyEvent.objects.create(owner=w.alice, kind="self_harm", score=0.9, where="test")
    return {}, {"next": "/today/"}


ROUTES = [
    Route("safety", signed_in(200)),
    Route("safety_screen", signed_in(200)),
    Route("safety_screen#post", signed_in(302), method="POST", setup=screen_form),
    Route("safety_screen_skip", signed_in(302), method="POST"),
    Route("safety_screen_result", owner_only(), setup=screen_result),
    Route("quick_exit", everyone(200)),
    Route("quick_exit_go", everyone(302)),  # signs out, then the neutral site
    Route("safety_misread", signed_in(302), method="POST", setup=flagged),
    Route("journal", signed_in(200), setup=journal_listed, content=NOTE, sees=("owner",)),
    Route("journal#post", signed_in(302), method="POST", setup=journal_listed),
    Route("journal_entry", owner_only(), setup=journal_entry, content=NOTE, sees=("owner",)),
    Route("journal_entry#post", owner_only(302), method="POST", setup=journal_entry),
    Route(
        "journal_delete",
        owner_only(302),
        method="POST",
        setup=lambda w: (entry_only(w)[0], {"confirm": "on"}),
    ),
    Route("GET /api/v1/safety", signed_in(200, 401)),
    Route("GET /api/v1/safety/resources", signed_in(200, 401)),
    Route("GET /api/v1/safety/screen", signed_in(200, 401)),
    Route(
        "POST /api/v1/safety/screen",
        signed_in(201, 401),
        method="POST",
        json=True,
        setup=lambda w: ({}, {"answers": answers()}),
    ),
    Route("GET /api/v1/safety/screen/{uuid}", owner_only(200, 401), setup=screen_result),
    Route(
        "GET /api/v1/safety/journal",
        signed_in(200, 401),
        setup=journal_listed,
        content=NOTE,
        sees=("owner",),
    ),
    Route(
        "POST /api/v1/safety/journal",
        signed_in(201, 401),
        method="POST",
        json=True,
        setup=journal_listed,
    ),
    Route(
        "GET /api/v1/safety/journal/{uuid}",
        owner_only(200, 401),
        setup=journal_entry,
        content=NOTE,
        sees=("owner",),
    ),
    Route(
        "PUT /api/v1/safety/journal/{uuid}",
        owner_only(200, 401),
        method="PUT",
        json=True,
        setup=journal_entry,
    ),
    Route(
        "DELETE /api/v1/safety/journal/{uuid}",
        owner_only(204, 401),
        method="DELETE",
        setup=entry_only,
    ),
    Route(
        "POST /api/v1/safety/misread",
        signed_in(204, 401),
        method="POST",
        json=True,
        setup=lambda w: (flagged(w)[0], {}),
    ),
]
