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
    `expect` maps each role in ROLES to a status code (or a tuple of allowed codes).
    `setup(world)` returns (url kwargs, request data); `json` sends data as a JSON body.
    `content` is a string that the roles in `sees` must find in a 2xx body, and no other role
    may ever find. A key may end in "#variant" to list the same route twice.
    """

    key: str
    expect: dict[str, int | tuple[int, ...]]
    method: str = "GET"
    setup: Callable[[World], tuple[dict[str, Any], dict[str, Any]]] = lambda w: ({}, {})
    json: bool = False
    content: str = ""
    sees: tuple[str, ...] = ("owner", "partner")
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.key.split("#")[0]


def everyone(code: int | tuple[int, ...]) -> dict[str, int | tuple[int, ...]]:
    return dict.fromkeys(ROLES, code)


def signed_in(
    code: int | tuple[int, ...], anonymous: int | tuple[int, ...] = 302
) -> dict[str, Any]:
    return {**dict.fromkeys(ROLES, code), "anonymous": anonymous}


def owner_only(
    ok: int | tuple[int, ...] = 200, anonymous: int | tuple[int, ...] = 302
) -> dict[str, Any]:
    return {"owner": ok, "partner": 404, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}


def shared(
    ok: int | tuple[int, ...] = 200, anonymous: int | tuple[int, ...] = 302
) -> dict[str, Any]:
    return {"owner": ok, "partner": ok, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}


def partner_only(
    ok: int | tuple[int, ...] = 200, anonymous: int | tuple[int, ...] = 302
) -> dict[str, Any]:
    return {"owner": 404, "partner": ok, "ex_partner": 404, "stranger": 404, "anonymous": anonymous}
