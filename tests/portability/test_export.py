"""A person's data out and back in (issue 12, item 7): `attunement export | import` and
Settings > Download my data. The export holds everything the person wrote and everything about
them, the partner's rows only where shared with them (marked), safety data only in the owner's,
and matches docs/export.schema.json; an import restores the person's own rows."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from attunement.accounts import portability
from attunement.accounts.models import User
from attunement.couples.services import delete_account
from attunement.empathy.models import FeelingRound
from attunement.lib import export
from attunement.listening.models import Conversation, Rating
from attunement.safety import services as safety
from attunement.safety.models import ScreenResult
from attunement.sharing.models import Answer, ServedQuestion
from attunement.today.demo import create_demo
from attunement.together.models import Swipe
from tests.builders import appreciation, check_in
from tests.conftest import login

pytestmark = pytest.mark.django_db
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "export.schema.json"

# Models that point at a person but are not in an export, and why.
NOT_EXPORTED = {
    # Django's admin log: what staff did in /admin/, not the person's data (and the app
    # registers no model with free text there).
    "admin.LogEntry",
}


def validate(document: dict[str, Any]) -> None:
    validator = jsonschema_rs.validator_for(export.schema(), validate_formats=True)
    errors = [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]


def rows(document: dict[str, Any], section: str, table: str) -> list[dict[str, Any]]:
    return document["sections"][section][table]


def test_every_model_that_points_at_a_person_is_exported_or_excluded_on_purpose():
    covered = {label for e in export.exporters() for label in e.covers}
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is User
    }
    missing = pointing - covered - NOT_EXPORTED
    assert not missing, f"in no export and not excluded on purpose: {sorted(missing)}"
    assert NOT_EXPORTED <= pointing, "an exclusion that no longer points at a person"
    assert "safety.SafetyEvent" in covered  # no foreign key (the writer is sealed), still covered


def test_the_published_schema_is_the_one_the_exporters_make():
    published = json.loads(SCHEMA_FILE.read_text())
    assert published == export.schema(), (
        "docs/export.schema.json is out of date: write export.schema() to it"
    )
    assert jsonschema_rs.meta.is_valid(published)
    assert published["properties"]["version"] == {"const": export.VERSION}


def test_the_demo_persons_export_matches_the_schema_and_holds_their_words():
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    safety.write_journal_entry(user=alex, text="A page only for me")
    document = portability.export_document(alex)
    validate(document)
    assert rows(document, "accounts", "profile")[0]["email"] == "alex@example.com"
    own_notes = [r["note"] for r in rows(document, "support", "check_ins") if not r["from_partner"]]
    assert any(own_notes) and not any(n.startswith("f1:") for n in own_notes)  # decrypted
    assert [r["text"] for r in rows(document, "safety", "journal")] == ["A page only for me"]
    filled = {
        f"{s}.{t}" for s, tables in document["sections"].items() for t, r in tables.items() if r
    }
    assert len(filled) >= 15, filled  # the demo touches most of the app
    text = json.dumps(document)
    for secret in ("token_hash", "session_key", "password", "f1:"):
        assert secret not in text
    # Sam's shared style profile comes as the scores the app shows Alex, not Sam's answers.
    takes = rows(document, "differences", "style_takes")
    assert {t["from_partner"] for t in takes} == {True, False}
    for take in takes:
        assert take["scores"] and (take["answers"] is None) == take["from_partner"]


def test_export_costs_the_same_queries_at_any_length_of_history(alice, bob, couple):
    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            portability.export_document(User.objects.get(pk=alice.pk))
        return len(queries.captured_queries)

    check_in(alice, couple=couple, note="day one")
    safety.record_event(user=alice, kind="abuse", score=0.9, where="support.check_in")
    short = cost()
    today = alice.local_today()
    for n in range(1, 30):
        check_in(alice, couple=couple, local_date=today - timedelta(days=n), note=f"day {n}")
        check_in(bob, couple=couple, local_date=today - timedelta(days=n), visibility="shared")
        appreciation(bob, alice, couple=couple, visibility="shared")
        safety.write_journal_entry(user=alice, text=f"entry {n}")
        safety.record_event(user=alice, kind="abuse", score=0.9, where="support.check_in")
    assert cost() == short, "the export's queries grow with history"
    print(f"\nexport: {short} queries, with one day or thirty days of history")


class TestPrivacy:
    """Alice's export, with Bob as her partner: Bob's shared rows are marked, his private,
    sealed and safety rows never appear."""

    @pytest.fixture
    def document(self, alice, bob, couple) -> dict[str, Any]:
        today = alice.local_today()
        # What Bob keeps to himself.
        check_in(bob, couple=couple, visibility="private", note="BOB-PRIVATE-NOTE")
        sealed = ServedQuestion.objects.create(couple=couple, question_id="q001", day=today)
        Answer.objects.create(
            owner=bob, couple=couple, served=sealed, text="BOB-SEALED", visibility="sealed"
        )
        safety.write_journal_entry(user=bob, text="BOB-JOURNAL")
        safety.record_event(user=bob, kind="abuse", score=0.9, where="safety.journal")
        ScreenResult.objects.create(owner=bob, couple=couple, at_risk=True, answers='{"s1": 3}')
        Swipe.objects.create(owner=bob, couple=couple, activity_id="a001", choice="no")
        FeelingRound.objects.create(
            owner=bob,
            couple=couple,
            feelings=["sad"],
            intensity=3,
            because="BOB-ROUND",
            visibility="sealed",
        )
        talk = Conversation.objects.create(
            owner=alice, partner=bob, couple=couple, mode="typed", level="light"
        )
        Rating.objects.create(
            owner=bob, couple=couple, conversation=talk, felt_heard=2, note="BOB-RATING"
        )
        # What Bob shared with Alice.
        check_in(
            bob,
            couple=couple,
            local_date=today - timedelta(days=1),
            visibility="shared",
            note="BOB-SHARED-NOTE",
        )
        revealed = ServedQuestion.objects.create(
            couple=couple,
            question_id="q002",
            day=today - timedelta(days=1),
            revealed_at=timezone.now(),
        )
        Answer.objects.create(
            owner=bob,
            couple=couple,
            served=revealed,
            text="BOB-REVEALED",
            visibility="sealed",
            revealed_at=timezone.now(),
        )
        Answer.objects.create(
            owner=alice,
            couple=couple,
            served=revealed,
            text="ALICE-ANSWER",
            visibility="sealed",
            revealed_at=timezone.now(),
        )
        appreciation(bob, alice, couple=couple, visibility="shared", text="BOB-THANKS")
        # Alice's own safety data.
        safety.write_journal_entry(user=alice, text="ALICE-JOURNAL")
        safety.record_event(user=alice, kind="self_harm", score=0.8, where="support.check_in")
        return portability.export_document(User.objects.get(pk=alice.pk))

    def test_partners_private_sealed_and_safety_rows_never_appear(self, document):
        validate(document)
        text = json.dumps(document)
        for secret in (
            "BOB-PRIVATE-NOTE",
            "BOB-SEALED",
            "BOB-JOURNAL",
            "BOB-ROUND",
            "BOB-RATING",
        ):
            assert secret not in text, secret
        assert rows(document, "together", "swipes") == []  # Bob's "no" stays his
        assert [e["kind"] for e in rows(document, "safety", "flagged_writing")] == ["self_harm"]
        assert rows(document, "safety", "safety_checks") == []  # Bob's "at risk" is his alone

    def test_what_the_partner_shared_is_present_and_marked(self, document):
        def by(section: str, table: str, key: str) -> dict[str, bool]:
            return {r[key]: r["from_partner"] for r in rows(document, section, table)}

        assert by("support", "check_ins", "note")["BOB-SHARED-NOTE"] is True
        assert by("sharing", "answers", "text") == {"BOB-REVEALED": True, "ALICE-ANSWER": False}
        assert by("support", "appreciations", "text") == {"BOB-THANKS": True}
        assert [c["partner_name"] for c in rows(document, "couples", "couples")] == ["Bob"]
        assert "bob@example.com" not in json.dumps(document)  # the partner's name only

    def test_the_partners_export_holds_none_of_alices_safety_data(self, document, bob):
        bobs = json.dumps(portability.export_document(User.objects.get(pk=bob.pk)))
        assert "ALICE-JOURNAL" not in bobs and "self_harm" not in bobs
        assert "BOB-JOURNAL" in bobs and "BOB-PRIVATE-NOTE" in bobs  # his own, all of it
        checks = json.loads(bobs)["sections"]["safety"]["safety_checks"]
        assert [(c["at_risk"], c["answers"]) for c in checks] == [(True, '{"s1": 3}')]


def normalised(document: dict[str, Any], tables: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The own rows of `tables` ("section.table"), without the keys an import renews
    (lib.export.VOLATILE_KEYS, and the date the new account was made)."""
    out = {}
    for key in sorted(tables):
        section, table = key.split(".")
        out[key] = [
            {k: v for k, v in r.items() if k not in export.VOLATILE_KEYS | {"date_joined"}}
            for r in rows(document, section, table)
            if not r.get("from_partner")
        ]
    return out


PAGES = (
    "today",
    "check_in",
    "history",
    "appreciations",
    "sharing_history",
    "sharing_today",
    "journal",
    "safety",
    "differences",
    "empathy",
    "empathy_self",
    "insights",
    "listening",
    "together",
    "reminders",
    "profile",
)


def test_round_trip_export_delete_import_export_gives_the_same_own_rows():
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    safety.write_journal_entry(user=alex, text="A page only for me")
    safety.record_event(user=alex, kind="abuse", score=0.7, where="safety.journal")
    before = portability.export_document(alex)
    delete_account(user=alex)  # a fresh instance as far as Alex goes: Sam stays, unpaired

    document = portability.read_document(json.dumps(before))
    user, counts = portability.import_person(document)
    after = portability.export_document(User.objects.get(pk=user.pk))

    restored = {k for k, n in counts.restored.items() if n}
    assert {
        "support.check_ins",
        "sharing.answers",
        "safety.journal",
        "accounts.profile",
    } <= restored
    assert normalised(after, restored) == normalised(before, restored)
    assert user.email == "alex@example.com" and not user.has_usable_password()
    # What needs Sam stays behind, counted.
    assert counts.skipped["couples.couples"] == 1
    assert rows(after, "couples", "couples") == []
    print("\nrestored:", dict(counts.restored), "\nleft out:", dict(counts.skipped))
    # The restored person's pages all open: nothing restored breaks a page.
    client = login(User.objects.get(pk=user.pk))
    for name in PAGES:
        assert client.get(reverse(name)).status_code == 200, name


def test_import_refuses_an_address_that_already_has_an_account(alice):
    document = portability.export_document(alice)
    with pytest.raises(portability.AddressTaken, match="already has an account"):
        portability.import_person(portability.read_document(json.dumps(document)))
    user, _ = portability.import_person(document, email="alice.two@example.com")
    assert user.display_name == "Alice"
    with pytest.raises(portability.BadExportFile, match="not an email address"):
        portability.import_person(document, email="alice at home")


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "not JSON"),
        ('{"format": "something else"}', "not an Attunement export"),
        ('{"format": "attunement-export", "version": 99}', "version 99"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_plainly(text, message):
    with pytest.raises(portability.BadExportFile, match=message):
        portability.read_document(text)


def test_a_file_with_a_wrong_value_is_refused_and_says_where(alice):
    check_in(alice, note="mine")
    document = portability.export_document(alice)
    rows(document, "support", "check_ins")[0]["intensity"] = "very"
    with pytest.raises(portability.BadExportFile, match="support > check_ins > 0 > intensity"):
        portability.read_document(json.dumps(document))


def test_an_import_that_fails_half_way_leaves_nothing_behind(alice):
    check_in(alice, note="first")
    document = portability.export_document(alice)
    twice = rows(document, "support", "check_ins") * 2  # one day, two check-ins: cannot be
    document["sections"]["support"]["check_ins"] = twice
    document["sections"]["safety"]["journal"] = [
        {"text": "x", "created_at": "2026-06-01T00:00:00+00:00"}
    ]
    users = User.objects.count()
    with pytest.raises(portability.BadExportFile, match="twice"):
        portability.import_person(
            portability.read_document(json.dumps(document)), email="n@example.com"
        )
    assert User.objects.count() == users
    assert not User.objects.filter(email="n@example.com").exists()


@pytest.mark.parametrize("section", [e.section for e in export.exporters()])
def test_each_apps_part_gives_its_tables_and_each_matches_its_schema(section):
    create_demo()
    alex = User.objects.get(email="alex@example.com")
    safety.write_journal_entry(user=alex, text="mine")
    exporter = next(e for e in export.exporters() if e.section == section)
    part = exporter.export(alex)
    assert list(part) == [t.name for t in exporter.tables]
    for table in exporter.tables:
        validator = jsonschema_rs.validator_for(table.schema(), validate_formats=True)
        errors = [e.message for e in validator.iter_errors(part[table.name])]
        assert not errors, (table.name, errors[:3])
    if section not in ("trust", "notifications"):  # no logins or chosen reminders in the demo
        assert any(part.values()), f"the demo gives {section} nothing to export"


def test_settings_come_back_reminders_quiet_hours_and_profile(alice):
    from attunement.notifications import reminders
    from attunement.notifications.models import QuietHours, Reminder

    alice.time_zone = "Europe/Lisbon"
    alice.save(update_fields=["time_zone"])
    reminders.save_settings(
        user=alice,
        choices=[
            ("check_in", True, 8, None),
            ("daily_question", True, 20, None),
            ("pulse", True, 18, 6),
        ],
        quiet=(23, 7),
        now=timezone.now(),
    )
    document = portability.export_document(alice)
    user, counts = portability.import_person(document, email="alice.two@example.com")
    assert user.time_zone == "Europe/Lisbon"
    mine = {r.kind: (r.enabled, r.hour, r.weekday) for r in Reminder.objects.filter(user=user)}
    assert mine == {
        "check_in": (True, 8, None),
        "daily_question": (True, 20, None),
        "pulse": (True, 18, 6),
    }
    assert all(r.next_at for r in Reminder.objects.filter(user=user))  # scheduled again here
    assert (QuietHours.objects.get(user=user).start, QuietHours.objects.get(user=user).end) == (
        23,
        7,
    )
    assert counts.restored["notifications.reminders"] == 3


def test_a_bad_time_zone_or_a_name_with_a_line_break_is_made_safe_on_import(alice):
    document = portability.export_document(alice)
    profile = rows(document, "accounts", "profile")[0]
    profile["time_zone"], profile["display_name"] = "Mars/Olympus", "Al\nice"
    user, _ = portability.import_person(
        portability.read_document(json.dumps(document)), email="a2@example.com"
    )
    assert (user.time_zone, user.display_name) == ("UTC", "Al ice")


def test_tokens_and_two_step_login_are_named_never_their_secrets(alice):
    from allauth.mfa.models import Authenticator

    from attunement.accounts.models import PersonalToken

    token, secret = PersonalToken.issue(user=alice, name="my phone")
    Authenticator.objects.create(user=alice, type="totp", data={"secret": "TOTPSECRETVALUE"})
    document = portability.export_document(alice)
    text = json.dumps(document)
    assert [t["name"] for t in rows(document, "accounts", "tokens")] == ["my phone"]
    assert rows(document, "trust", "two_step_login")[0]["type"] == "totp"
    for hidden in (secret, token.token_hash, "TOTPSECRETVALUE"):
        assert hidden not in text
    _, counts = portability.import_person(document, email="alice.two@example.com")
    assert counts.skipped["accounts.tokens"] == 1 and counts.skipped["trust.two_step_login"] == 1


def test_a_value_the_app_would_never_save_is_refused_and_named(alice):
    check_in(alice, note="mine")
    document = portability.export_document(alice)
    rows(document, "support", "check_ins")[0]["intensity"] = 99
    with pytest.raises(portability.BadExportFile, match="does not fit: intensity"):
        portability.import_person(
            portability.read_document(json.dumps(document)), email="n@example.com"
        )
    assert not User.objects.filter(email="n@example.com").exists()


def test_the_imported_person_sets_a_password_by_email_and_logs_in(alice, client, mailoutbox):
    document = portability.export_document(alice)
    user, _ = portability.import_person(document, email="alice.two@example.com")
    client.post(reverse("account_reset_password"), {"email": "alice.two@example.com"})
    assert [m.to for m in mailoutbox] == [["alice.two@example.com"]]
    link = next(w for w in mailoutbox[0].body.split() if "/accounts/password/reset/key/" in w)
    form = client.get(link, follow=True)
    new_password = "a brand new long password 9"
    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    user.refresh_from_db()
    assert user.check_password(new_password)
