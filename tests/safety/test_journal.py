"""The private journal: only ever its writer's, encrypted at rest, never shared."""

import json

import pytest
from django.db import IntegrityError, connection

from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.safety.models import JOURNAL_MAX, JournalEntry

pytestmark = pytest.mark.django_db
SECRET = "the thing I have not told anyone yet"


@pytest.fixture
def entry(alice) -> JournalEntry:
    return JournalEntry.objects.create(owner=alice, text=SECRET)


def test_writing_an_entry_keeps_it_private_and_shows_it_to_the_writer(as_alice, alice, couple):
    response = as_alice.post("/journal/", {"text": f"  {SECRET}  "})
    assert response.status_code == 302
    saved = JournalEntry.objects.get()
    assert saved.owner == alice and saved.text == SECRET
    assert saved.visibility == Visibility.PRIVATE and saved.couple is None
    assert SECRET in as_alice.get("/journal/").content.decode()


def test_partner_and_stranger_never_see_an_entry(entry, couple, as_bob, as_charlie):
    for client in (as_bob, as_charlie):
        assert SECRET not in client.get("/journal/").content.decode()
        assert client.get(f"/journal/{entry.uuid}/").status_code == 404
        assert client.post(f"/journal/{entry.uuid}/", {"text": "x"}).status_code == 404
        assert client.post(f"/journal/{entry.uuid}/delete/").status_code == 404
        assert client.get(f"/api/v1/safety/journal/{entry.uuid}").status_code == 404
        assert SECRET not in client.get("/api/v1/safety/journal").content.decode()
    assert JournalEntry.objects.get().text == SECRET


def test_the_privacy_gate_never_gives_an_entry_to_the_partner(entry, bob, couple):
    assert not access.visible(bob, JournalEntry.objects).exists()
    assert not access.partners_rows(bob, JournalEntry.objects).exists()


def test_an_entry_can_never_be_made_shared(entry):
    with pytest.raises(IntegrityError):
        JournalEntry.objects.filter(pk=entry.pk).update(visibility=Visibility.SHARED)


def test_entries_are_encrypted_at_rest(entry):
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM safety_journalentry WHERE id = %s", [entry.pk])
        raw = cursor.fetchone()[0]
    assert raw.startswith("f1:") and "anyone" not in raw


def test_the_owner_edits_and_deletes_an_entry(as_alice, entry):
    assert SECRET in as_alice.get(f"/journal/{entry.uuid}/").content.decode()
    assert as_alice.post(f"/journal/{entry.uuid}/", {"text": "changed my mind"}).status_code == 302
    entry.refresh_from_db()
    assert entry.text == "changed my mind"
    delete = f"/journal/{entry.uuid}/delete/"
    assert as_alice.post(delete, {"confirm": "on"}).status_code == 302
    assert not JournalEntry.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * (JOURNAL_MAX + 1)])
def test_empty_or_too_long_text_is_a_400_and_changes_nothing(as_alice, entry, text):
    response = as_alice.post("/journal/", {"text": text})
    assert response.status_code == 400 and 'class="error"' in response.content.decode()
    response = as_alice.post(f"/journal/{entry.uuid}/", {"text": text})
    assert response.status_code == 400
    assert JournalEntry.objects.get().text == SECRET


def test_journal_routes_refuse_wrong_methods(as_alice, entry):
    assert as_alice.put("/journal/").status_code == 405
    assert as_alice.delete(f"/journal/{entry.uuid}/").status_code == 405
    assert as_alice.get(f"/journal/{entry.uuid}/delete/").status_code == 405


def test_a_missing_entry_is_404(as_alice):
    assert as_alice.get("/journal/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_the_journal_page_costs_the_same_queries_with_many_entries(
    alice, as_alice, django_assert_max_num_queries
):
    JournalEntry.objects.bulk_create([JournalEntry(owner=alice, text=f"day {i}") for i in range(3)])
    with django_assert_max_num_queries(12) as few:
        as_alice.get("/journal/")
    JournalEntry.objects.bulk_create(
        [JournalEntry(owner=alice, text=f"day {i}") for i in range(40)]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        as_alice.get("/journal/")


def test_api_round_trip(as_alice):
    made = as_alice.post(
        "/api/v1/safety/journal", json.dumps({"text": SECRET}), content_type="application/json"
    )
    assert made.status_code == 201
    uuid = made.json()["uuid"]
    assert [e["text"] for e in as_alice.get("/api/v1/safety/journal").json()] == [SECRET]
    edited = as_alice.put(
        f"/api/v1/safety/journal/{uuid}",
        json.dumps({"text": "new"}),
        content_type="application/json",
    )
    assert edited.json()["text"] == "new"
    assert as_alice.delete(f"/api/v1/safety/journal/{uuid}").status_code == 204
    assert as_alice.get(f"/api/v1/safety/journal/{uuid}").status_code == 404


@pytest.mark.parametrize(
    "payload", [{}, {"text": ""}, {"text": "   "}, {"text": "x" * (JOURNAL_MAX + 1)}]
)
def test_api_bad_text_is_422(as_alice, payload):
    response = as_alice.post(
        "/api/v1/safety/journal", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 422
    assert not JournalEntry.objects.exists()


def test_journal_writes_are_screened_by_the_service_without_a_request(alice):
    from attunement.safety import services
    from attunement.safety.models import SafetyEvent
    from tests.safety.conftest import CRISIS, EVERYDAY

    entry = services.write_journal_entry(user=alice, text=EVERYDAY[0])
    assert not SafetyEvent.objects.exists()
    services.edit_journal_entry(entry=entry, text=CRISIS["journal"])
    [event] = services.events_of(alice)
    assert (event.kind, event.where) == ("abuse", "safety.journal")


def test_api_and_page_refuse_a_blank_journal_entry_with_the_same_words(as_alice):
    page = as_alice.post("/journal/", {"text": "  "})
    api = as_alice.post(
        "/api/v1/safety/journal", json.dumps({"text": "  "}), content_type="application/json"
    )
    assert (page.status_code, api.status_code) == (400, 422)
    assert api.json() == {"detail": "Write a few words first."}
    assert "Write a few words first." in page.content.decode()
    assert not JournalEntry.objects.exists()


def test_one_tap_never_deletes_an_entry(alice, as_alice):
    from attunement.safety.models import JournalEntry

    entry = JournalEntry.objects.create(owner=alice, text="a line to keep")
    r = as_alice.post(f"/journal/{entry.uuid}/delete/")
    assert r.status_code == 400
    assert "Tick the box to confirm, then delete." in r.content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()
    r = as_alice.post(f"/journal/{entry.uuid}/delete/", {"confirm": "on"})
    assert r.status_code == 302 and not JournalEntry.objects.filter(pk=entry.pk).exists()
