"""Safety data never reaches the partner: not a page, not the API, not an email, not the admin."""

import json
import re

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client

from attunement.safety import services
from attunement.safety.models import JournalEntry, SafetyEvent, ScreenResult
from tests import test_access_matrix as matrix
from tests.conftest import login
from tests.safety.conftest import CRISIS, at_risk_answers
from tests.safety.matrix import ALL_CLEAR

pytestmark = pytest.mark.django_db
MARKER = "marigold-lantern-journal"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _partner_reads(route) -> bool:
    expected = route.expect["partner"]
    codes = expected if isinstance(expected, tuple) else (expected,)
    public = route.key.startswith("api:")  # the OpenAPI schema names fields, for everyone
    return route.method == "GET" and not public and any(200 <= c < 300 for c in codes)


# Every page and API read the partner can open (the access matrix lists them all).
PARTNER_GETS = sorted(key for key, route in matrix.ROUTES.items() if _partner_reads(route))


def _partner_body(route, kwargs) -> tuple[int, str]:
    # One browser for Bob throughout: a new login each time would add a device to his own
    # sessions page (Settings), a change that is his, not Alice's.
    client = matrix_world.client or login(matrix_world.bob)
    matrix_world.client = client
    response = client.get(matrix._url(route, kwargs))
    return response.status_code, TOKEN.sub("", UUID.sub("U", response.content.decode()))


class matrix_world:  # set per test: the people of the current world
    bob = None
    client = None


def _alice_takes_care_of_herself(alice, *, at_risk: bool) -> None:
    services.write_journal_entry(user=alice, text=f"{MARKER} {CRISIS['journal']}")
    services.record_event(user=alice, kind="abuse", score=0.9, where="journal")
    services.submit_screen(user=alice, answers=at_risk_answers() if at_risk else ALL_CLEAR)


@pytest.mark.parametrize("key", PARTNER_GETS)
def test_the_partner_sees_nothing_of_a_screen_a_journal_or_a_crisis(key):
    route = matrix.ROUTES[key]
    world = matrix._world()
    matrix_world.bob, matrix_world.client = world.bob, None
    kwargs, _ = route.setup(world)
    before = _partner_body(route, kwargs)
    # An all-clear screen, a journal entry and a flagged text: not one byte changes for Bob.
    _alice_takes_care_of_herself(world.alice, at_risk=False)
    assert _partner_body(route, kwargs) == before
    # An at-risk screen shows Bob exactly what he sees when Alice has not taken the check.
    _alice_takes_care_of_herself(world.alice, at_risk=True)
    at_risk = _partner_body(route, kwargs)
    ScreenResult.objects.filter(owner=world.alice).delete()
    assert at_risk == _partner_body(route, kwargs)
    for leak in (MARKER, "scared to go home", "at_risk", "not your fault", "Alice's answers"):
        assert leak not in at_risk[1]
    assert not mail.outbox


def test_the_safety_pages_themselves_tell_the_partner_nothing(alice, bob, couple, as_bob):
    before = [as_bob.get(u).content.decode() for u in ("/safety/", "/api/v1/safety", "/journal/")]
    login(alice).post("/journal/", {"text": f"{MARKER} {CRISIS['journal']}"})
    login(alice).post("/safety/screen/", {k: str(v) for k, v in ALL_CLEAR.items()})
    after = [as_bob.get(u).content.decode() for u in ("/safety/", "/api/v1/safety", "/journal/")]
    strip = lambda pages: [TOKEN.sub("", p) for p in pages]  # noqa: E731
    assert strip(after) == strip(before)


def test_nothing_of_safety_is_in_the_admin():
    registered = set(admin.site._registry)
    assert not registered & {ScreenResult, SafetyEvent, JournalEntry}


def test_the_admin_never_lists_safety_rows(alice, couple):
    staff = type(alice).objects.create_superuser("admin@example.com", "pw-admin-long-1234")
    services.submit_screen(user=alice, answers=at_risk_answers())
    client = Client()
    client.force_login(staff)
    for url in (
        "/admin/safety/screenresult/",
        "/admin/safety/safetyevent/",
        "/admin/safety/journalentry/",
    ):
        assert client.get(url).status_code == 404
    assert "safety" not in client.get("/admin/").content.decode().lower()


def test_leaving_the_couple_takes_effect_at_once_and_emails_nobody(
    alice, bob, couple, as_alice, as_bob
):
    assert as_alice.post("/couple/leave/").status_code == 302
    assert not mail.outbox
    assert "Alice" not in as_bob.get("/couple/").content.decode()


def test_the_partner_sees_no_last_active_or_read_signals(alice, bob, couple, as_bob):
    as_alice = login(alice)
    as_alice.get("/today/")
    as_alice.get("/appreciations/")
    body = as_bob.get("/today/").content.decode() + as_bob.get("/couple/").content.decode()
    body += json.dumps(as_bob.get("/api/v1/couple").json())
    for signal in ("last seen", "last active", "online", "read at", "seen at", "last_login"):
        assert signal not in body.lower()
