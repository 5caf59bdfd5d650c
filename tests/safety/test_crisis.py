"""Crisis routing: a clear crisis statement in any kind of text shows the writer resources, at
once and privately; nothing is blocked and nothing changes for the partner."""

import json
import logging
import re

import pytest
from django.core import mail

from attunement.couples.models import Visibility
from attunement.safety import screening
from attunement.safety.models import JournalEntry, SafetyEvent
from attunement.safety.services import events_of
from attunement.support.models import Appreciation, CheckIn, Response
from tests.builders import check_in
from tests.safety.conftest import CARE_TITLE, CRISIS, EVERYDAY

pytestmark = pytest.mark.django_db

CHECK_IN = {"feelings": ["sad"], "intensity": "5", "energy": "1", "need": "comfort"}
CARE_WORDS = (CARE_TITLE, "Find A Helpline", "Only you can see this")


def bobs_check_in(bob, couple) -> CheckIn:
    return check_in(
        bob,
        couple=couple,
        feelings=["tired"],
        intensity=3,
        energy=2,
        need="listened",
        note="Long week.",
        visibility=Visibility.SHARED,
    )


def write(kind: str, client, text: str, bob, couple):
    """Alice writes `text` the way a person would, through the page for that kind of text."""
    if kind == "check_in_note":
        return client.post("/checkin/", {**CHECK_IN, "note": text, "visibility": "shared"})
    if kind == "response":
        target = CheckIn.objects.filter(owner=bob).first() or bobs_check_in(bob, couple)
        return client.post(f"/checkin/{target.uuid}/respond/", {"message": text})
    if kind == "appreciation":
        return client.post("/appreciations/", {"text": text})
    return client.post("/journal/", {"text": text})


def undo(kind: str) -> None:
    if kind == "check_in_note":
        CheckIn.objects.filter(owner__email="alice@example.com").delete()
    elif kind == "response":
        Response.objects.all().delete()
        CheckIn.objects.update(turned_toward_at=None)
    elif kind == "appreciation":
        Appreciation.objects.all().delete()
    else:
        JournalEntry.objects.all().delete()


PARTNER_PAGES = [
    "/today/",
    "/appreciations/",
    "/checkin/history/",
    "/couple/",
    "/safety/",
    "/journal/",
    "/api/v1/checkins",
    "/api/v1/appreciations",
    "/api/v1/safety",
    "/api/v1/safety/journal",
]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
STAMP = re.compile(r"\d{4}-\d\d-\d\dT[\d:.]+Z?")


def partner_view(client) -> list[str]:
    pages = []
    for url in PARTNER_PAGES + [f"/checkin/{c.uuid}/" for c in CheckIn.objects.order_by("pk")]:
        body = client.get(url).content.decode()
        pages.append(STAMP.sub("T", TOKEN.sub("", UUID.sub("U", body))))
    return pages


@pytest.mark.parametrize("kind", sorted(CRISIS))
def test_crisis_statement_shows_the_writer_resources_and_nothing_changes_for_the_partner(
    kind, alice, bob, couple, as_alice, as_bob, monkeypatch
):
    text = CRISIS[kind]
    # The same text written without any risk found: what the partner would see anyway.
    with monkeypatch.context() as m:
        m.setattr(screening, "_analyze", lambda t: ("none", 0.0, "none"))
        assert write(kind, as_alice, text, bob, couple).status_code == 302
    as_alice.get("/today/")
    baseline = partner_view(as_bob)
    undo(kind)

    response = write(kind, as_alice, text, bob, couple)
    assert response.status_code == 302  # saved, never blocked
    next_page = as_alice.get(response["Location"]).content.decode()
    for words in CARE_WORDS:
        assert words in next_page
    assert CARE_TITLE not in as_alice.get("/today/").content.decode()

    assert partner_view(as_bob) == baseline
    assert not mail.outbox
    assert not events_of(bob)
    [event] = events_of(alice)
    assert event.kind in ("self_harm", "abuse") and event.score >= 0.5 and event.where


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_words_raise_no_alarm(text, as_alice, couple):
    as_alice.post("/journal/", {"text": text})
    assert CARE_TITLE not in as_alice.get("/journal/").content.decode()
    assert not SafetyEvent.objects.exists()


def test_the_event_keeps_no_words_of_the_text(alice, as_alice, couple):
    as_alice.post("/journal/", {"text": CRISIS["journal"]})
    event = SafetyEvent.objects.get()
    stored = " ".join(str(getattr(event, f.attname)) for f in SafetyEvent._meta.concrete_fields)
    for word in ("scared", "hit", "home", "night"):
        assert word not in stored.lower()
    assert {f.name for f in SafetyEvent._meta.concrete_fields} == {
        "id",
        "writer",  # the person's id, encrypted: a leaked file does not say who was flagged
        "created_at",  # to the day only, so it cannot be matched to the text written then
        "kind",
        "score",
        "where",
        "level",  # clear or possible
        "misread_at",  # when the writer said "this isn't what I meant"
    }


def test_a_failing_analyzer_never_blocks_the_save_nor_logs_the_text(
    as_alice, couple, monkeypatch, caplog
):
    def boom(text):
        raise RuntimeError(text)

    monkeypatch.setattr(screening, "_analyze", boom)
    with caplog.at_level(logging.ERROR):
        response = as_alice.post("/journal/", {"text": CRISIS["journal"]})
    assert response.status_code == 302
    assert JournalEntry.objects.count() == 1
    assert "scared" not in caplog.text and "RuntimeError" in caplog.text


# API: the writer's own response carries `care`; nothing the partner reads ever does. ----------


def _json(client, method, url, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def test_api_check_in_note_gives_the_writer_care_and_the_partner_nothing(as_alice, as_bob, couple):
    data = {
        "feelings": ["sad"],
        "intensity": 5,
        "energy": 1,
        "need": "comfort",
        "note": CRISIS["check_in_note"],
    }
    mine = _json(as_alice, "put", "/api/v1/checkins/today", data).json()
    assert mine["care"]["resources"] and "confidential" in mine["care"]["message"]
    theirs = as_bob.get(f"/api/v1/checkins/{mine['uuid']}").json()
    assert "care" not in theirs and theirs["note"] == CRISIS["check_in_note"]
    assert "care" not in json.dumps(as_bob.get("/api/v1/checkins").json())


def test_api_response_and_appreciation_give_care_to_the_writer_only(
    alice, bob, couple, as_alice, as_bob
):
    target = bobs_check_in(bob, couple)
    sent = _json(
        as_alice,
        "post",
        f"/api/v1/checkins/{target.uuid}/responses",
        {"message": CRISIS["response"]},
    )
    assert sent.status_code == 201 and sent.json()["care"]["resources"]
    detail = as_bob.get(f"/api/v1/checkins/{target.uuid}").json()
    assert "care" not in json.dumps(detail)
    thanks = _json(as_alice, "post", "/api/v1/appreciations", {"text": CRISIS["appreciation"]})
    assert thanks.status_code == 201 and thanks.json()["care"]["resources"]
    assert "care" not in json.dumps(as_bob.get("/api/v1/appreciations").json())


def test_api_journal_gives_care_on_write_and_edit(as_alice, couple):
    written = _json(as_alice, "post", "/api/v1/safety/journal", {"text": CRISIS["journal"]})
    assert written.status_code == 201 and "care" in written.json()
    calm = _json(
        as_alice, "put", f"/api/v1/safety/journal/{written.json()['uuid']}", {"text": EVERYDAY[0]}
    )
    assert calm.status_code == 200 and "care" not in calm.json()


def test_api_writes_without_risk_have_no_care_field(as_alice, couple):
    data = {
        "feelings": ["calm"],
        "intensity": 2,
        "energy": 3,
        "need": "nothing",
        "note": EVERYDAY[0],
    }
    assert "care" not in _json(as_alice, "put", "/api/v1/checkins/today", data).json()


def test_api_writes_leave_no_care_waiting_in_the_browser_session(as_alice, couple):
    _json(as_alice, "post", "/api/v1/safety/journal", {"text": CRISIS["journal"]})
    assert CARE_TITLE not in as_alice.get("/today/").content.decode()
