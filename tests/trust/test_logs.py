"""Logs and error reports hold no secret link and nothing a person wrote (issue 12, item 13)."""

import io
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core import mail
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from attunement.lib.access_log import AccessLogger
from attunement.lib.redact import redact
from tests.conftest import fresh_login, login
from tests.test_access_matrix import ROUTES, _url, _world
from tests.test_bad_input import _send

CANARY = "canary-7f3a9c-words-only-a-person-wrote"
TOKEN = "Zk3xq9Rg-secret-invitation-token"


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    """What the app's console log handler (settings.LOGGING) writes, at every level."""
    handler = next(
        h for h in logging.getLogger("django").handlers if type(h) is logging.StreamHandler
    )
    out = io.StringIO()
    # Swapped directly: setStream() would first flush the old stream, which pytest may have
    # closed already.
    old_stream, old_level = handler.stream, logging.root.level
    handler.stream = out
    loggers = [logging.root, logging.getLogger("django")]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.DEBUG)
    try:
        yield out
    finally:
        handler.stream = old_stream
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
        logging.root.setLevel(old_level)


def test_secret_paths_are_logged_by_route_only():
    assert redact(f"GET /couple/join/{TOKEN}/ HTTP/1.1") == "GET /couple/join/[hidden]/ HTTP/1.1"
    assert TOKEN not in redact(f"/accounts/password/reset/key/1-{TOKEN}/")
    assert TOKEN not in redact(f"/accounts/confirm-email/{TOKEN}/")
    assert redact("/today/") == "/today/"


def test_a_dead_invitation_link_is_logged_without_its_token(db, console):
    assert Client().get(f"/couple/join/{TOKEN}/").status_code == 404
    Client().get(f"/accounts/password/reset/key/1-{TOKEN}/")
    text = console.getvalue()
    assert "/couple/join/[hidden]/" in text, text
    assert TOKEN not in text


def test_the_access_log_names_the_route_not_the_secret():
    class Response:
        status = "200 OK"
        headers: list = []
        sent = 10

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/couple/join/{TOKEN}/",
        "PATH_INFO": f"/couple/join/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"http://localhost/accounts/password/reset/key/1-{TOKEN}/",
    }
    logger = AccessLogger.__new__(AccessLogger)
    atoms = logger.atoms(Response(), {}, environ, timedelta(milliseconds=3))
    assert TOKEN not in repr(atoms) and "/couple/join/[hidden]/" in atoms["r"]


def _free_text_writes():
    """Every write route that takes input, with one field at a time carrying the canary."""
    for key in sorted(ROUTES):
        route = ROUTES[key]
        if route.method in ("POST", "PUT") and not key.startswith("account_"):
            yield key, route


def test_the_canary_written_everywhere_reaches_no_log_and_no_admin_list(db, console, caplog):
    caplog.set_level(logging.DEBUG)
    stored = 0
    for key, route in _free_text_writes():
        sid = transaction.savepoint()
        world = _world()
        kwargs, data = route.setup(world)
        client = fresh_login(world.alice)
        wrote = 0
        for field, value in (data or {}).items():
            if isinstance(value, str):
                body = {**data, field: f"{CANARY} {value}"}
                response = _send(client, route, _url(route, kwargs), body)
                wrote += response.status_code < 400
        stored += wrote
        if wrote:
            world.charlie.is_staff = world.charlie.is_superuser = True
            world.charlie.save()
            staff = login(world.charlie)
            for model in admin.site._registry:
                meta = model._meta
                page = staff.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
                assert page.status_code == 200, meta.label
                assert CANARY not in page.content.decode(), f"{key}: {meta.label} admin list"
        transaction.savepoint_rollback(sid)
    assert stored >= 12, f"only {stored} writes carried the canary: the walk did not write"
    assert CANARY not in console.getvalue()
    assert CANARY not in caplog.text


@override_settings(DEBUG=False, ADMINS=[("Host", "host@example.com")])
def test_an_error_report_email_shows_no_typed_words(alice, bob, couple, monkeypatch):
    from attunement.support import services

    def broken(**kwargs: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(services, "send_appreciation", broken)
    client = login(alice)
    client.raise_request_exception = False
    response = client.post("/appreciations/", {"text": CANARY})
    assert response.status_code == 500
    reports = [m for m in mail.outbox if m.to == ["host@example.com"]]
    assert reports, "the host got no error report"
    for message in reports:
        everything = message.subject + message.body + repr(message.alternatives)
        assert "RuntimeError" in everything and CANARY not in everything
