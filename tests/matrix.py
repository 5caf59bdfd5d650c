"""The access matrix: every URL and API route, as each kind of person.

Each app's tests/<app>/matrix.py lists its routes in ROUTES. For every route the test builds a
world once: alice (owner) and bob (partner) are paired, charlie is a stranger; the route's
`setup` creates what it needs as alice and returns the URL kwargs (and request data). Each role
then runs in its own rolled-back transaction on that world, so cases stay independent. For the
ex-partner role, the couple is ended after setup and bob makes the request.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from attunement.accounts.models import User
from attunement.couples.models import Couple

ROLES = ("owner", "partner", "ex_partner", "stranger", "anonymous")


@dataclass
class World:
    alice: User
    bob: User
    charlie: User
    couple: Couple


@dataclass
class Route:
    """One route and method, with the status each role must get.

    `key` is the Django URL name, or "METHOD /api/v1/path" for API operations.
    `expect` maps each role in ROLES to the one status code that role must get.
    `setup(world)` returns (url kwargs, request data); `json` sends data as a JSON body.
    `content` is a string that the roles in `sees` must find in a 2xx body, and no other role
    may ever find. A key may end in "#variant" to list the same route twice.
    `recent_login`: signed-in people confirmed their password just now, so a route behind
    "Confirm it's you" (accounts/reauth.py) answers instead of asking.
    """

    key: str
    expect: dict[str, int]
    method: str = "GET"
    setup: Callable[[World], tuple[dict[str, Any], dict[str, Any]]] = lambda w: ({}, {})
    json: bool = False
    content: str = ""
    sees: tuple[str, ...] = ("owner", "partner")
    extra: dict[str, Any] = field(default_factory=dict)
    recent_login: bool = False

    @property
    def base(self) -> str:
        return self.key.split("#")[0]


def everyone(code: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, code)


def signed_in(code: int, anonymous: int = 302) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, code), "anonymous": anonymous}


def signed_out(ok: int = 200, signed_in: int = 302) -> dict[str, int]:
    """Pages for people who are not signed in; signed-in people are sent on."""
    return {**dict.fromkeys(ROLES, signed_in), "anonymous": ok}


def owner_only(ok: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {"owner": ok, "partner": 404, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}


def shared(ok: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {"owner": ok, "partner": ok, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}


def partner_only(ok: int = 200, anonymous: int = 302) -> dict[str, int]:
    return {"owner": 404, "partner": ok, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}
