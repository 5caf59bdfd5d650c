"""Three honest outcomes: a care card when the screen is clear, a quiet line when it is only
possible, nothing otherwise; and "this isn't what I meant" hides the card and is counted, never
the text."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from attunement import cli
from attunement.safety import screening, services
from attunement.safety.care import QUIET_LINE
from attunement.safety.models import SafetyEvent
from tests.safety.conftest import CARE_TITLE

pytestmark = pytest.mark.django_db

CHECK_IN = {"feelings": ["sad"], "intensity": "3", "energy": "2", "need": "listened"}
WORDS = "Some words the screen is unsure about."


@pytest.fixture
def screen_says(monkeypatch):
    """Make the analyzer answer one level, whatever the words (its own quality is measured in
    tests/language; here the app's handling of each outcome is under test)."""

    def say(level: str, kind: str = "self_harm") -> None:
        answer = ("none", 0.1, "none") if level == "none" else (kind, 0.6, level)
        monkeypatch.setattr(screening, "_analyze", lambda text: answer)

    return say


def check_in_with(client, note: str):
    return client.post("/checkin/", {**CHECK_IN, "note": note, "visibility": "shared"})


def page(client, path: str = "/today/") -> str:
    return client.get(path).content.decode().replace("&#x27;", "'")


def test_a_possible_flag_shows_a_quiet_line_and_no_card(as_alice, alice, couple, screen_says):
    screen_says("possible")
    assert check_in_with(as_alice, WORDS).status_code == 302
    shown = page(as_alice)
    assert QUIET_LINE in shown and CARE_TITLE not in shown
    assert "This isn't what I meant" not in shown
    assert QUIET_LINE not in page(as_alice)  # once
    [event] = services.events_of(alice)
    assert (event.level, event.kind) == ("possible", "self_harm")


def test_a_clear_flag_shows_the_card_with_a_way_to_say_it_misread(
    as_alice, alice, couple, screen_says
):
    screen_says("clear")
    check_in_with(as_alice, WORDS)
    shown = page(as_alice)
    assert CARE_TITLE in shown and "This isn't what I meant" in shown
    assert "we sometimes get it wrong" in shown
    assert [e.level for e in services.events_of(alice)] == ["clear"]


def test_nothing_is_shown_or_kept_when_the_screen_sees_nothing(as_alice, couple, screen_says):
    screen_says("none")
    check_in_with(as_alice, WORDS)
    shown = page(as_alice)
    assert QUIET_LINE not in shown and CARE_TITLE not in shown
    assert not SafetyEvent.objects.exists()


def test_this_isnt_what_i_meant_hides_the_card_and_counts_only_a_false_alarm(
    as_alice, alice, couple, screen_says
):
    screen_says("clear")
    check_in_with(as_alice, WORDS)
    assert CARE_TITLE in page(as_alice)
    r = as_alice.post("/safety/misread/", {"next": "/checkin/history/"})
    assert r.status_code == 302 and r["Location"] == "/checkin/history/"
    shown = page(as_alice, "/checkin/history/")
    assert CARE_TITLE not in shown and "Hidden." in shown
    [event] = services.events_of(alice)
    assert event.misread_at is not None
    stored = json.dumps(list(SafetyEvent.objects.values()), default=str)
    assert WORDS not in stored  # the words are never kept, a misread neither


def test_misread_goes_back_only_to_this_site(as_alice, alice, screen_says):
    SafetyEvent.objects.create(owner=alice, kind="abuse", score=0.9, where="t")
    r = as_alice.post("/safety/misread/", {"next": "https://elsewhere.example/"})
    assert r["Location"] == "/today/"


def test_a_partner_cannot_mark_someone_elses_flag(as_bob, alice, couple):
    SafetyEvent.objects.create(owner=alice, kind="abuse", score=0.9, where="t")
    assert as_bob.post("/safety/misread/").status_code == 302
    assert as_bob.post("/api/v1/safety/misread").status_code == 204
    assert SafetyEvent.objects.get().misread_at is None


def test_only_the_latest_flag_of_the_last_day_can_be_marked(alice):
    old = SafetyEvent.objects.create(
        owner=alice,
        kind="abuse",
        score=0.9,
        where="t",
        created_at=timezone.now() - timedelta(days=2),
    )
    assert services.mark_misread(user=alice) is False
    new = SafetyEvent.objects.create(owner=alice, kind="abuse", score=0.9, where="t")
    assert services.mark_misread(user=alice) is True
    assert services.mark_misread(user=alice) is False  # once
    old.refresh_from_db(), new.refresh_from_db()
    assert old.misread_at is None and new.misread_at is not None


def test_the_api_gives_the_writer_the_level_and_takes_a_misread(
    as_alice, alice, couple, screen_says
):
    screen_says("possible")
    r = as_alice.post(
        "/api/v1/appreciations", json.dumps({"text": WORDS}), content_type="application/json"
    )
    assert r.status_code == 201
    assert r.json()["care"] == {"level": "possible", "message": QUIET_LINE, "resources": []}
    screen_says("clear")
    r = as_alice.post(
        "/api/v1/appreciations", json.dumps({"text": WORDS}), content_type="application/json"
    )
    care = r.json()["care"]
    assert care["level"] == "clear" and care["resources"]
    assert as_alice.post("/api/v1/safety/misread").status_code == 204
    assert SafetyEvent.objects.filter(misread_at__isnull=False).count() == 1


def test_hosts_see_counts_and_the_false_alarm_rate_and_nothing_else(alice, bob, capsys):
    for level in ("clear", "clear", "clear", "possible"):
        SafetyEvent.objects.create(owner=alice, kind="self_harm", level=level, score=0.7)
    services.mark_misread(user=alice)
    SafetyEvent.objects.create(
        owner=bob, kind="abuse", score=0.7, created_at=timezone.now() - timedelta(days=40)
    )
    assert services.flag_counts(since=timezone.now() - timedelta(days=30)) == {
        "clear": 3,
        "possible": 1,
        "misread": 1,
    }
    assert cli.main(["safety-stats", "--days", "30"]) == 0
    out = capsys.readouterr().out
    assert "4 flagged writes" in out and "(25% of flags)" in out
    assert "alice" not in out and "self_harm" not in out
