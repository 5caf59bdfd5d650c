"""Walks every URL pattern and API operation as owner, partner, ex-partner, stranger, anonymous."""

import copy
import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from attunement.accounts.models import User
from attunement.api import api
from attunement.couples.models import Couple
from attunement.couples.services import leave_couple
from tests.conftest import fresh_login, login, make_user, pair
from tests.matrix import ROLES, Route, World
from tests.query_budget import QUERIES


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


def _fresh(world: World) -> World:
    """The same people and couple as new instances, so no cached state passes between cases."""
    users = User.objects.in_bulk([world.alice.pk, world.bob.pk, world.charlie.pk])
    return World(
        users[world.alice.pk],
        users[world.bob.pk],
        users[world.charlie.pk],
        Couple.objects.get(pk=world.couple.pk),
    )


def snapshot() -> dict[str, list]:
    """Every saved row outside sessions, admin and auth bookkeeping, for comparison."""
    state = {}
    for model in apps.get_models():
        if model._meta.label in ("trust.Session",) or model._meta.app_label in (
            "sessions",
            "admin",
            "contenttypes",
            "auth",
            "account",
        ):
            continue
        state[model._meta.label] = sorted(map(repr, model._base_manager.values()))
    return state


def _url(route: Route, kwargs: dict) -> str:
    if route.base.split(" ")[0] in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        return route.base.split(" ", 1)[1].format(**kwargs)
    return reverse(route.base, kwargs=kwargs)


@pytest.fixture(scope="module")
def route_world(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[tuple[Route, World, dict, dict]]:
    """A route's world, built once for all its roles (like TestCase.setUpTestData).

    The world lives in a transaction that is rolled back after the route's last role; each
    case runs in pytest-django's own transaction inside it, so what one case writes is rolled
    back before the next. pytest groups the cases by route, so each world is built once (per
    test process).
    """
    route = ROUTES[request.param]
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = _world()
            kwargs, data = route.setup(world)
            built = snapshot()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield route, world, kwargs, data
    with django_db_blocker.unblock():
        try:
            assert snapshot() == built, f"a case of {route.key} leaked writes into its world"
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route_world", sorted(ROUTES), indirect=True, scope="module")
def test_access(route_world: tuple[Route, World, dict, dict], role: str) -> None:
    route, world, kwargs, data = route_world
    world = _fresh(world)
    data = copy.deepcopy(data)
    if role == "ex_partner":
        leave_couple(user=world.alice)
    person = {
        "owner": world.alice,
        "partner": world.bob,
        "ex_partner": world.bob,
        "stranger": world.charlie,
    }
    sign_in = fresh_login if route.recent_login else login
    client = sign_in(person[role]) if role in person else Client()
    method = route.method.lower()
    url = _url(route, kwargs)
    with CaptureQueriesContext(connection) as queries:
        if route.json:
            body = json.dumps(data)
            response = getattr(client, method)(url, body, content_type="application/json")
        else:
            response = getattr(client, method)(url, data)
    expected = route.expect[role]
    assert response.status_code == expected, (
        f"{route.method} {url} as {role}: got {response.status_code}, expected {expected}"
    )
    if role == "owner" and route.method == "GET" and response.status_code == 200:
        spent, budget = len(queries.captured_queries), QUERIES.get(route.key)
        assert spent == budget, (
            f"{route.key} as its owner costs {spent} queries; tests/query_budget.py says {budget}"
        )
    if route.content:
        body = response.content.decode(errors="replace")
        if role in route.sees and 200 <= response.status_code < 300:
            assert route.content in body, f"{url} as {role} should show the content"
        if role not in route.sees:
            assert route.content not in body, f"{url} as {role} leaks the content"
