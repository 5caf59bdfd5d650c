"""Safety facts at rest: a leaked database file does not say who answered the safety check
"at risk", nor who was flagged by the text screen (issue 12, item 6)."""

import sqlite3
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from attunement.safety import services
from attunement.safety.hooks import joint_exercises_allowed
from attunement.safety.models import SafetyEvent, ScreenResult
from tests.safety.conftest import CRISIS, take_screen

pytestmark = pytest.mark.django_db


def raw_rows(table: str) -> list[dict[str, object]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def test_the_stored_screen_hides_whether_it_was_at_risk(alice, bob, couple):
    take_screen(alice, at_risk=True)
    take_screen(bob, at_risk=False)
    stored = {row["owner_id"]: row["at_risk"] for row in raw_rows("safety_screenresult")}
    for value in stored.values():
        assert isinstance(value, str) and value.startswith("f1:")
    # Two different answers look alike on disk; each is a fresh ciphertext.
    assert len(stored[alice.pk]) == len(stored[bob.pk])
    assert not joint_exercises_allowed(couple)
    assert {r.owner_id: r.at_risk for r in ScreenResult.objects.all()} == {
        alice.pk: True,
        bob.pk: False,
    }


def test_the_stored_event_names_nobody_and_keeps_only_the_day(alice, as_alice, couple):
    as_alice.post("/journal/", {"text": CRISIS["journal"]})
    [row] = raw_rows("safety_safetyevent")
    assert not any(name.startswith("owner") for name in row)
    assert str(row["writer"]).startswith("f1:") and row["writer"] != str(alice.pk)
    [event] = services.events_of(alice)
    assert event.created_at == event.created_at.replace(hour=0, minute=0, second=0, microsecond=0)
    assert timezone.now() - event.created_at < timedelta(days=1)


def test_each_person_reads_only_their_own_events(alice, bob):
    services.record_event(user=alice, kind="abuse", score=0.9, where="t")
    services.record_event(user=bob, kind="self_harm", score=0.8, where="t")
    assert [e.kind for e in services.events_of(alice)] == ["abuse"]
    assert [e.kind for e in services.events_of(bob)] == ["self_harm"]
    assert services.forget_events_of(alice) == 1
    assert [e.kind for e in SafetyEvent.objects.all()] == ["self_harm"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_seals_rows_written_before_it(alice, bob):
    """Rows kept in plain text by the previous version are converted, and read the same."""
    from django.core.management import call_command

    call_command("migrate", "safety", "0002", verbosity=0)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO safety_screenresult (uuid, owner_id, created_at, skipped, at_risk,"
                " answers) VALUES (%s, %s, %s, %s, %s, '')",
                ["0" * 32, alice.pk, timezone.now(), False, True],
            )
            cursor.execute(
                'INSERT INTO safety_safetyevent (owner_id, created_at, kind, score, "where",'
                " level) VALUES (%s, %s, 'abuse', 0.9, 't', 'clear')",
                [bob.pk, timezone.now()],
            )
    finally:
        call_command("migrate", "safety", verbosity=0)
    [screen] = ScreenResult.objects.all()
    assert screen.at_risk is True and screen.owner_id == alice.pk
    assert [e.kind for e in services.events_of(bob)] == ["abuse"]
    assert not services.events_of(alice)
    assert str(raw_rows("safety_screenresult")[0]["at_risk"]).startswith("f1:")


@pytest.mark.django_db(transaction=True)
def test_a_copied_database_file_shows_no_plain_safety_fact(alice, bob, couple, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("reads the SQLite file itself")
    take_screen(alice, at_risk=True)
    services.record_event(user=alice, kind="abuse", score=0.9, where="safety.journal")
    copy = tmp_path / "leaked.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    leaked = sqlite3.connect(copy)
    at_risk = leaked.execute("SELECT at_risk FROM safety_screenresult").fetchall()
    assert at_risk and all(str(v).startswith("f1:") for (v,) in at_risk)
    columns = [c[1] for c in leaked.execute("PRAGMA table_info(safety_safetyevent)")]
    assert "owner_id" not in columns and "writer" in columns
    leaked.close()
