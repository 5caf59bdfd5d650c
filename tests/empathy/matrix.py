from attunement.empathy import quiz, services
from tests.empathy.helpers import (
    SECRET,
    TEXT_ITEM,
    TOPIC,
    alices_story,
    both_stories,
    disagreement,
    feeling_round,
    guessed_round,
    quiz_rounds,
    revealed_quiz_round,
)
from tests.matrix import Route, World, signed_in


def couples(code: int, anonymous: int = 302, ex: int = 404, stranger: int = 404) -> dict:
    return {
        "owner": code,
        "partner": code,
        "ex_partner": ex,
        "stranger": stranger,
        "anonymous": anonymous,
    }


def roles(owner: int, partner: int, anonymous: int = 302) -> dict:
    return {
        "owner": owner,
        "partner": partner,
        "ex_partner": 404,
        "stranger": 404,
        "anonymous": anonymous,
    }


def sealed_round(w: World) -> tuple[dict, dict]:
    return {"uuid": feeling_round(w.alice).uuid}, {}


def revealed_round(w: World) -> tuple[dict, dict]:
    return {"uuid": guessed_round(w.alice, w.bob).uuid}, {}


def no_kwargs(setup):
    return lambda w: ({}, setup(w)[1])


def bare(setup):
    """Run a setup for a route that takes neither arguments nor data."""

    def run(w: World) -> tuple[dict, dict]:
        setup(w)
        return {}, {}

    return run


def with_data(setup, data):
    return lambda w: (setup(w)[0], data)


def sealed_quiz(w: World) -> tuple[dict, dict]:
    about_alice, _ = quiz_rounds(w.alice, w.bob)
    quiz.answer_round(user=w.alice, quiz_round=about_alice, value=SECRET)
    return {"uuid": about_alice.uuid}, {}


def open_quiz(w: World) -> tuple[dict, dict]:
    about_alice, _ = quiz_rounds(w.alice, w.bob)
    return {"uuid": about_alice.uuid}, {"value": "Pasta"}


def revealed_quiz(w: World) -> tuple[dict, dict]:
    return {"uuid": revealed_quiz_round(w.alice, w.bob).uuid}, {"marked": "close"}


def self_answer(w: World) -> tuple[dict, dict]:
    quiz.save_self_answer(user=w.alice, item_id=TEXT_ITEM, value=SECRET)
    return {}, {}


def sealed_story(w: World) -> tuple[dict, dict]:
    d = disagreement(w.alice)
    services.write_story(user=w.alice, disagreement=d, text=SECRET)
    return {"uuid": d.uuid}, {}


def revealed_stories(w: World) -> tuple[dict, dict]:
    return {"uuid": both_stories(w.alice, w.bob).uuid}, {}


def alices_revealed_story(w: World) -> tuple[dict, dict]:
    d = both_stories(w.alice, w.bob)
    return {"uuid": alices_story(d, w.alice).uuid}, {}


def both_checked(w: World) -> tuple[dict, dict]:
    """Both partners took the safety check: perspective-taking is open (docs/safety.md)."""
    from tests.safety.conftest import take_screen

    take_screen(w.alice, at_risk=False)
    take_screen(w.bob, at_risk=False)
    return {}, {"topic": "the holidays"}


def open_disagreement(w: World) -> tuple[dict, dict]:
    return {"uuid": disagreement(w.alice).uuid}, {}


SEALED = {"content": SECRET, "sees": ("owner",)}
ROUND_FORM = {"feelings": ["calm"], "intensity": "3", "because": "work"}
GUESS_FORM = {"feelings": ["calm"], "intensity": "3"}
ROUND_JSON = {"feelings": ["calm"], "intensity": 3, "because": "work"}
GUESS_JSON = {"feelings": ["calm"], "intensity": 3}
NO_COUPLE = couples(302, ex=409, stranger=409)  # without a partner the write is refused (409)
API = "/api/v1/empathy"

ROUTES = [
    # Feeling rounds: sealed until the guess.
    Route(
        "empathy",
        signed_in(200),
        setup=no_kwargs(sealed_round),
        content="You felt anxious, tired",
        sees=("owner",),
    ),
    Route("empathy#revealed", signed_in(200), setup=no_kwargs(revealed_round)),
    Route("empathy_round_new", signed_in(200)),
    Route(
        "empathy_round_new#post",
        NO_COUPLE,
        method="POST",
        setup=lambda w: ({}, ROUND_FORM),
    ),
    Route("empathy_round", couples(200), setup=sealed_round, **SEALED),
    Route("empathy_round#revealed", couples(200), setup=revealed_round, content=SECRET),
    Route(
        "empathy_guess",
        roles(409, 302),
        method="POST",
        setup=with_data(sealed_round, GUESS_FORM),
    ),
    Route("empathy_accuracy", signed_in(200), setup=no_kwargs(revealed_round)),
    # The quiz: answers and guesses sealed until both are in.
    Route(
        "empathy_quiz",
        couples(200, ex=302, stranger=302),
        setup=no_kwargs(sealed_quiz),
        **SEALED,
    ),
    Route(
        "empathy_quiz#revealed",
        couples(200, ex=302, stranger=302),
        setup=no_kwargs(revealed_quiz),
        content=SECRET,
    ),
    Route(
        "empathy_quiz_next",
        couples(302, ex=302, stranger=302),
        method="POST",
        setup=bare(revealed_quiz),
    ),
    Route("empathy_quiz_answer", roles(302, 409), method="POST", setup=open_quiz),
    Route("empathy_quiz_guess", roles(409, 302), method="POST", setup=open_quiz),
    Route("empathy_quiz_mark", roles(302, 409), method="POST", setup=revealed_quiz),
    Route("empathy_self", signed_in(200), setup=self_answer, **SEALED),
    Route(
        "empathy_self_answer",
        signed_in(302),
        method="POST",
        setup=lambda w: ({"item_id": TEXT_ITEM}, {"value": "Pasta"}),
    ),
    Route("empathy_words", signed_in(200)),
    # Perspective-taking: stories sealed until both are in; ratings until both have rated.
    Route(
        "empathy_perspective",
        signed_in(200),
        setup=no_kwargs(open_disagreement),
        content=TOPIC,
    ),
    Route(
        "empathy_perspective#post",
        NO_COUPLE,
        method="POST",
        setup=both_checked,
    ),
    Route("empathy_disagreement", couples(200), setup=sealed_story, **SEALED),
    Route("empathy_disagreement#revealed", couples(200), setup=revealed_stories, content=SECRET),
    Route(
        "empathy_story",
        couples(302),
        method="POST",
        setup=with_data(open_disagreement, {"text": "You felt tired."}),
    ),
    Route(
        "empathy_rate",
        roles(404, 302),
        method="POST",
        setup=with_data(alices_revealed_story, {"captured": "4", "missed": "the worry"}),
    ),
    # The API, sealed the same way.
    Route(f"GET {API}/rounds", signed_in(200, 401), setup=no_kwargs(sealed_round), **SEALED),
    Route(
        f"GET {API}/rounds#revealed",
        signed_in(200, 401),
        setup=no_kwargs(revealed_round),
        content=SECRET,
        sees=("owner", "partner"),
    ),
    Route(
        f"POST {API}/rounds",
        couples(201, 401, ex=409, stranger=409),
        method="POST",
        json=True,
        setup=lambda w: ({}, ROUND_JSON),
    ),
    Route(f"GET {API}/rounds/{{uuid}}", couples(200, 401), setup=sealed_round, **SEALED),
    Route(
        f"GET {API}/rounds/{{uuid}}#revealed",
        couples(200, 401),
        setup=revealed_round,
        content=SECRET,
    ),
    Route(
        f"POST {API}/rounds/{{uuid}}/guess",
        roles(409, 201, 401),
        method="POST",
        json=True,
        setup=with_data(sealed_round, GUESS_JSON),
    ),
    Route(f"GET {API}/accuracy", signed_in(200, 401), setup=no_kwargs(revealed_round)),
    Route(
        f"GET {API}/quiz",
        couples(200, 401, ex=409, stranger=409),
        setup=no_kwargs(sealed_quiz),
        **SEALED,
    ),
    Route(
        f"POST {API}/quiz/next",
        couples(200, 401, ex=409, stranger=409),
        method="POST",
        json=True,
        setup=bare(revealed_quiz),
        content=SECRET,
        sees=(),
    ),
    Route(
        f"POST {API}/quiz/{{uuid}}/answer",
        roles(200, 409, 401),
        method="POST",
        json=True,
        setup=open_quiz,
    ),
    Route(
        f"POST {API}/quiz/{{uuid}}/guess",
        roles(409, 200, 401),
        method="POST",
        json=True,
        setup=open_quiz,
    ),
    Route(
        f"POST {API}/quiz/{{uuid}}/mark",
        roles(200, 409, 401),
        method="POST",
        json=True,
        setup=revealed_quiz,
    ),
    Route(f"GET {API}/self-answers", signed_in(200, 401), setup=self_answer, **SEALED),
    Route(
        f"PUT {API}/self-answers/{{item_id}}",
        signed_in(200, 401),
        method="PUT",
        json=True,
        setup=lambda w: ({"item_id": TEXT_ITEM}, {"value": "Pasta"}),
    ),
    Route(
        f"GET {API}/disagreements",
        signed_in(200, 401),
        setup=no_kwargs(sealed_story),
        **SEALED,
    ),
    Route(
        f"POST {API}/disagreements",
        couples(201, 401, ex=409, stranger=409),
        method="POST",
        json=True,
        setup=both_checked,
    ),
    Route(f"GET {API}/disagreements/{{uuid}}", couples(200, 401), setup=sealed_story, **SEALED),
    Route(
        f"GET {API}/disagreements/{{uuid}}#revealed",
        couples(200, 401),
        setup=revealed_stories,
        content=SECRET,
    ),
    Route(
        f"POST {API}/disagreements/{{uuid}}/story",
        couples(201, 401),
        method="POST",
        json=True,
        setup=with_data(open_disagreement, {"text": "You felt tired."}),
    ),
    Route(
        f"POST {API}/stories/{{uuid}}/rating",
        roles(404, 201, 401),
        method="POST",
        json=True,
        setup=with_data(alices_revealed_story, {"captured": 4, "missed": "the worry"}),
    ),
]
