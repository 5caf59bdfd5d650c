"""Malformed and oversized input to every write route: a 4xx, never a 500, nothing saved changes.

Driven by the access matrix: every POST/PUT route with a request body is replayed as its owner
with each field oversized, of the wrong type or missing, and (for the API) with bodies that are
not JSON at all.
"""

import json

import pytest
from django.test import Client

from tests.conftest import fresh_login
from tests.test_access_matrix import ROUTES, _url, _world, snapshot

HUGE = "x" * 100_000
WRITES = sorted(
    key
    for key, r in ROUTES.items()
    if r.method in ("POST", "PUT") and not key.startswith("account_")
)


def _person(world, route):
    role = next((r for r in ("owner", "partner", "stranger") if route.expect[r] < 400), "owner")
    return {"owner": world.alice, "partner": world.bob, "stranger": world.charlie}[role]


def _send(client: Client, route, url: str, body, raw: bytes | None = None):
    method = getattr(client, route.method.lower())
    if raw is not None:
        return method(url, raw, content_type="application/json")
    if route.json:
        return method(url, json.dumps(body), content_type="application/json")
    if route.method == "PUT":
        from urllib.parse import urlencode

        return method(
            url, urlencode(body, doseq=True), content_type="application/x-www-form-urlencoded"
        )
    return method(url, body)


def _mutations(data: dict, is_json: bool):
    for field in data:
        yield f"{field} oversized", {**data, field: HUGE}, True
        wrong = {"nested": ["x"]} if is_json else ["a", "b"]
        yield f"{field} wrong type", {**data, field: wrong}, False
        yield f"{field} missing", {k: v for k, v in data.items() if k != field}, False


@pytest.mark.django_db
@pytest.mark.parametrize("key", WRITES)
def test_bad_input_gets_a_clear_4xx_and_changes_nothing(key: str) -> None:
    route = ROUTES[key]
    world = _world()
    kwargs, data = route.setup(world)
    # Logged in with a password confirmed just now, so that routes that ask "Confirm it's you"
    # first reach their form with the bad input.
    client = fresh_login(_person(world, route))
    url = _url(route, kwargs)
    cases = list(_mutations(data, route.json)) if data else []
    if route.json and data:
        cases += [("not JSON", None, True), ("not UTF-8", None, True), ("huge JSON", None, True)]
    if not cases:
        # A route that takes no input ignores a body, but a junk one must never break it.
        cases = [("junk body", {"junk": HUGE}, False)]
    for name, body, must_fail in cases:
        before = snapshot()
        raw = {
            "not JSON": b"{nope",
            "not UTF-8": b'{"a": "\xff\xfe"}',
            "huge JSON": json.dumps({k: HUGE for k in (data or {"text": 1})}).encode(),
        }.get(name)
        response = _send(client, route, url, body, raw)
        assert response.status_code < 500, f"{key} with {name}: {response.status_code}"
        if must_fail:
            assert 400 <= response.status_code < 500, f"{key} with {name} was accepted"
        if 400 <= response.status_code < 500:
            assert snapshot() == before, f"{key} with {name} changed saved data"
