from attunement.couples.models import Visibility
from attunement.listening import services
from attunement.listening.models import Conversation, Rating
from tests.matrix import Route, World, signed_in

PIECE = "a piece only we two may read"
NOTE = "a rating note only I may read"
API = "/api/v1/listening/conversations"


def _typed(w: World) -> Conversation:
    return services.start_conversation(user=w.alice, mode="typed", topic_id="t-001")


def _fresh(c: Conversation) -> Conversation:
    return Conversation.objects.select_related("couple").get(pk=c.pk)


def speaking(w: World) -> tuple[dict, dict]:
    c = _typed(w)
    return {"uuid": c.uuid}, {
        "text": "I feel glad about our walk. I need more of those.",
        "step": 0,
    }


def reflecting(w: World) -> tuple[dict, dict]:
    c = _typed(w)
    services.send_piece(user=w.alice, conversation=c, text=PIECE)
    return {"uuid": c.uuid}, {"text": "You feel glad and would love more walks.", "step": 1}


def confirming(w: World) -> tuple[dict, dict]:
    kwargs, _ = reflecting(w)
    c = Conversation.objects.get(uuid=kwargs["uuid"])
    services.send_reflection(user=w.bob, conversation=_fresh(c), text="You feel glad.")
    return kwargs, {"verdict": "yes", "step": 2}


def responding(w: World) -> tuple[dict, dict]:
    kwargs, _ = confirming(w)
    c = Conversation.objects.get(uuid=kwargs["uuid"])
    services.confirm_reflection(user=w.alice, conversation=_fresh(c), verdict="yes")
    return kwargs, {"text": "That makes sense.", "step": 3}


def in_person(w: World) -> tuple[dict, dict]:
    c = services.start_conversation(user=w.alice, mode="in_person", topic_id="t-001")
    return {"uuid": c.uuid}, {"action": "pass", "step": 0}


def live(w: World) -> tuple[dict, dict]:
    kwargs, _ = reflecting(w)
    return kwargs, {"step": "0"}


def at_step(w: World) -> tuple[dict, dict]:
    kwargs, _ = speaking(w)
    return kwargs, {"step": 0}


def no_input(w: World) -> tuple[dict, dict]:
    return speaking(w)[0], {}


def paused(w: World) -> tuple[dict, dict]:
    c = _typed(w)
    services.pause_conversation(user=w.alice, conversation=c)
    return {"uuid": c.uuid}, {}


def rated(w: World) -> tuple[dict, dict]:
    kwargs, _ = reflecting(w)
    c = Conversation.objects.get(uuid=kwargs["uuid"])
    Rating.objects.create(
        owner=w.alice,
        couple=w.couple,
        visibility=Visibility.PRIVATE,
        conversation=c,
        felt_heard=4,
        note=NOTE,
    )
    return kwargs, {"felt_heard": 4, "helped": ["words"]}


def rate_form(w: World) -> tuple[dict, dict]:
    kwargs, _ = reflecting(w)
    return kwargs, {"felt_heard": "4", "helped": ["words"], "counts_for_partner": "on"}


def turn_taking(owner: int, partner: int, anonymous: int = 302) -> dict:
    """Both may see the conversation; only the one whose turn it is may take the step. After
    the couple ended, the ex-partner (who took part) is refused the step: it has ended."""
    return {
        "owner": owner,
        "partner": partner,
        "ex_partner": 409,
        "stranger": 404,
        "anonymous": anonymous,
    }


def took_part(ok: int, anonymous: int = 302, ex_partner: int = 409) -> dict:
    """Either partner may do it; the ex-partner took part, so the conversation still opens for
    them (closed, their own turns only: `content` checks the other's words never show) and
    refuses any step; a stranger gets 404."""
    return {
        "owner": ok,
        "partner": ok,
        "ex_partner": ex_partner,
        "stranger": 404,
        "anonymous": anonymous,
    }


START = {"topic": "t-001", "mode": "in_person", "timer_minutes": "0"}
SEES_OWN = ("owner",)

ROUTES = [
    Route("listening", signed_in(200)),
    Route("listening_start", signed_in(200)),
    Route(
        "listening_start#post",
        {**signed_in(302), "ex_partner": 409, "stranger": 409},
        method="POST",
        setup=lambda w: ({}, START),
    ),
    Route("listening_progress", signed_in(200)),
    Route(
        "listening_conversation", took_part(200, ex_partner=200), setup=reflecting, content=PIECE
    ),
    Route("listening_live", took_part(200, ex_partner=200), setup=live, content=PIECE),
    Route("listening_piece", turn_taking(302, 409), method="POST", setup=speaking),
    Route("listening_check", turn_taking(409, 200), method="POST", setup=reflecting),
    Route("listening_reflection", turn_taking(409, 302), method="POST", setup=reflecting),
    Route("listening_confirm", turn_taking(302, 409), method="POST", setup=confirming),
    Route("listening_respond", turn_taking(409, 302), method="POST", setup=responding),
    Route("listening_step", took_part(302), method="POST", setup=in_person),
    Route("listening_pause", took_part(302), method="POST", setup=at_step),
    Route("listening_resume", took_part(302), method="POST", setup=paused),
    Route("listening_end", took_part(302), method="POST", setup=no_input),
    Route(
        "listening_rate",
        took_part(200, ex_partner=200),
        setup=rated,
        content=NOTE,
        sees=SEES_OWN,
    ),
    # Each person may still say how heard they felt in a conversation they took part in.
    Route("listening_rate#post", took_part(302, ex_partner=302), method="POST", setup=rate_form),
    Route("GET /api/v1/listening/topics", signed_in(200, 401)),
    Route("GET /api/v1/listening/progress", signed_in(200, 401)),
    Route(f"GET {API}", signed_in(200, 401)),
    Route(
        f"POST {API}",
        {**signed_in(201, 401), "ex_partner": 409, "stranger": 409},
        method="POST",
        json=True,
        setup=lambda w: ({}, {"mode": "typed", "topic_id": "t-001"}),
    ),
    Route(
        f"GET {API}/{{uuid}}",
        took_part(200, 401, ex_partner=200),
        setup=reflecting,
        content=PIECE,
    ),
    Route(
        f"POST {API}/{{uuid}}/pieces",
        turn_taking(201, 409, 401),
        method="POST",
        json=True,
        setup=speaking,
    ),
    Route(
        f"POST {API}/{{uuid}}/reflections/check",
        turn_taking(409, 200, 401),
        method="POST",
        json=True,
        setup=reflecting,
    ),
    Route(
        f"POST {API}/{{uuid}}/reflections",
        turn_taking(409, 201, 401),
        method="POST",
        json=True,
        setup=reflecting,
    ),
    Route(
        f"POST {API}/{{uuid}}/confirmations",
        turn_taking(201, 409, 401),
        method="POST",
        json=True,
        setup=confirming,
    ),
    Route(
        f"POST {API}/{{uuid}}/responses",
        turn_taking(409, 201, 401),
        method="POST",
        json=True,
        setup=responding,
    ),
    Route(
        f"POST {API}/{{uuid}}/steps", took_part(201, 401), method="POST", json=True, setup=in_person
    ),
    Route(
        f"POST {API}/{{uuid}}/pause",
        took_part(200, 401),
        method="POST",
        json=True,
        setup=lambda w: (speaking(w)[0], {}),
    ),
    Route(
        f"POST {API}/{{uuid}}/resume", took_part(200, 401), method="POST", json=True, setup=paused
    ),
    Route(f"POST {API}/{{uuid}}/end", took_part(200, 401), method="POST", setup=no_input),
    Route(
        f"GET {API}/{{uuid}}/rating",
        {**took_part(200, 401, ex_partner=404), "partner": 404},
        setup=rated,
        content=NOTE,
        sees=SEES_OWN,
    ),
    Route(
        f"PUT {API}/{{uuid}}/rating",
        took_part(200, 401, ex_partner=200),
        method="PUT",
        json=True,
        setup=rated,
    ),
]
