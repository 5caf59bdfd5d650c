"""Walks every URL pattern and API operation as owner, partner, ex-partner, stranger, anonymous."""

import importlib
import json
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from attunement.api import api
from attunement.couples.services import leave_couple
from tests.conftest import login, make_user, pair
from tests.matrix import ROLES, Route, World


def _collect() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for path in sorted(Path(__file__).parent.glob("*/matrix.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.matrix")
        for route in module.ROUTES:
            assert route.key not in routes, f"{route.key} is listed twice"
            routes[route.key] = route
    return routes


ROUTES = _collect()


def _url_names() -> set[str]:
    def walk(patterns: list, ns: str | None = None) -> list[str]:
        names = []
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace == "admin":
                    continue
                names += walk(p.url_patterns, p.namespace or ns)
            elif isinstance(p, URLPattern) and ns != "api":
                names.append(p.name)
            elif isinstance(p, URLPattern) and p.name in ("openapi-json", "api-root"):
                names.append(f"api:{p.name}")
        return names

    return set(walk(get_resolver().url_patterns))


def _api_keys() -> set[str]:
    keys = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                for method in op.methods:
                    full = "/api/v1" + ("/" + prefix.strip("/") if prefix.strip("/") else "") + path
                    keys.add(f"{method} {full}")
    return keys


def test_every_route_has_an_entry_in_the_matrix() -> None:
    wanted = _url_names() | _api_keys()
    listed = {route.base for route in ROUTES.values()}
    missing = sorted(k for k in wanted if k not in listed)
    assert not missing, f"Routes without an access-matrix entry: {missing}"
    stale = sorted(k for k in listed if k not in wanted)
    assert not stale, f"Matrix entries for routes that no longer exist: {stale}"


def _world() -> World:
    alice = make_user("alice@example.com", "Alice")
    bob = make_user("bob@example.com", "Bob")
    charlie = make_user("charlie@example.com", "Charlie")
    return World(alice, bob, charlie, pair(alice, bob))


def _url(route: Route, kwargs: dict) -> str:
    if route.base.split(" ")[0] in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        return route.base.split(" ", 1)[1].format(**kwargs)
    return reverse(route.base, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", sorted(ROUTES))
def test_access(key: str, role: str) -> None:
    route = ROUTES[key]
    world = _world()
    kwargs, data = route.setup(world)
    if role == "ex_partner":
        leave_couple(user=world.alice)
    person = {
        "owner": world.alice,
        "partner": world.bob,
        "ex_partner": world.bob,
        "stranger": world.charlie,
    }
    client = login(person[role]) if role in person else Client()
    method = route.method.lower()
    url = _url(route, kwargs)
    if route.json:
        response = getattr(client, method)(url, json.dumps(data), content_type="application/json")
    else:
        response = getattr(client, method)(url, data)
    expected = route.expect[role]
    allowed = expected if isinstance(expected, tuple) else (expected,)
    assert response.status_code in allowed, (
        f"{route.method} {url} as {role}: got {response.status_code}, expected {allowed}"
    )
    if route.content:
        body = response.content.decode(errors="replace")
        if role in route.sees and 200 <= response.status_code < 300:
            assert route.content in body, f"{url} as {role} should show the content"
        if role not in route.sees:
            assert route.content not in body, f"{url} as {role} leaks the content"
