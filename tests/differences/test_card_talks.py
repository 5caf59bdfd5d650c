"""'We talked about this one' on a difference card: recorded for the couple, shown to both,
once a day, refused for cards the map does not show, and counted as tried by Insights."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.accounts.models import User
from attunement.couples.services import leave_couple
from attunement.differences import compare, services
from attunement.differences.insights import DifferencesInsights
from attunement.differences.models import CardTalk
from tests.differences.helpers import PROCESSING_CARD_ID, both_done

pytestmark = pytest.mark.django_db

MAP = "/differences/map/"
TALKED = f"/differences/cards/{PROCESSING_CARD_ID}/talked/"


def _card(page: str, card_id: str = PROCESSING_CARD_ID) -> str:
    return page.split(f'id="card-{card_id}"')[1].split("</article>")[0]


def test_marking_a_card_shows_both_partners_the_day(alice, bob, couple, as_alice, as_bob):
    both_done(alice, bob)
    before = _card(as_alice.get(MAP).content.decode())
    assert "We talked about this one" in before and "You talked about" not in before
    response = as_alice.post(TALKED)
    assert response.status_code == 302
    assert response["Location"] == f"{MAP}#card-{PROCESSING_CARD_ID}"
    for client in (as_alice, as_bob):
        card = _card(client.get(MAP).content.decode())
        assert "You talked about this today." in card
        assert "We talked about" not in card  # nothing more to mark today
    talk = CardTalk.objects.get()
    assert (talk.owner, talk.couple, talk.card_id) == (alice, couple, PROCESSING_CARD_ID)
    assert talk.visibility == "shared"


def test_either_partner_marking_again_the_same_day_changes_nothing(alice, bob, couple, as_bob):
    both_done(alice, bob)
    services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)
    assert as_bob.post(TALKED).status_code == 302
    services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)
    assert CardTalk.objects.count() == 1


def test_a_later_day_shows_the_date_and_can_be_marked_again(alice, bob, couple, as_bob):
    both_done(alice, bob)
    services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)  # 17 June 2026
    with time_machine.travel(datetime(2026, 6, 20, 12, tzinfo=UTC), tick=True):
        card = _card(as_bob.get(MAP).content.decode())
        assert "You talked about this on 17 June." in card
        assert "We talked about it again" in card
        as_bob.post(TALKED)
        assert "You talked about this today." in _card(as_bob.get(MAP).content.decode())
    assert sorted(CardTalk.objects.values_list("talked_on", flat=True)) == [
        date(2026, 6, 17),
        date(2026, 6, 20),
    ]


def test_cards_not_on_the_map_are_refused_and_nothing_is_saved(
    alice, bob, charlie, couple, as_alice, as_charlie
):
    unknown = as_alice.post("/differences/cards/d-99/talked/")
    assert unknown.status_code == 400 and "Choose a card from your map" in unknown.content.decode()
    early = as_alice.post(TALKED)  # nobody has taken the reflection yet
    assert early.status_code == 409 and "isn&#x27;t on your map" in early.content.decode()
    both_done(alice, bob)
    alike = as_alice.post("/differences/cards/d-12/talked/")  # not both high on closeness
    assert alike.status_code == 409
    alone = as_charlie.post(TALKED)
    assert alone.status_code == 409 and "invite your partner" in alone.content.decode()
    assert as_alice.get(TALKED).status_code == 405
    assert not CardTalk.objects.exists()


def test_a_card_that_needs_a_shared_profile_is_refused_when_one_is_private(
    alice, bob, couple, as_alice
):
    both_done(alice, bob, shared=False)
    assert as_alice.post(TALKED).status_code == 409
    assert not CardTalk.objects.exists()


def test_after_the_couple_ends_the_former_partner_no_longer_sees_it(alice, bob, couple):
    both_done(alice, bob)
    services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)
    assert compare.card_talks(bob) == {PROCESSING_CARD_ID: date(2026, 6, 17)}
    leave_couple(user=alice)
    alice, bob = User.objects.get(pk=alice.pk), User.objects.get(pk=bob.pk)
    assert compare.card_talks(bob) == {} and compare.card_talks(alice) == {}


def test_reading_the_talks_is_one_query_however_many(alice, bob, couple):
    both_done(alice, bob)
    for days in range(30):
        with time_machine.travel(datetime(2026, 7, 1, 12, tzinfo=UTC) + timedelta(days=days)):
            services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)
    alice.refresh_from_db()
    access_cached = compare.card_talks(alice)  # warms the couple lookup
    with CaptureQueriesContext(connection) as queries:
        found = compare.card_talks(alice)
    assert found == access_cached == {PROCESSING_CARD_ID: date(2026, 7, 30)}
    assert len(queries.captured_queries) <= 2


def test_talking_a_card_over_counts_as_tried_for_both_partners(alice, bob, couple, as_bob):
    both_done(alice, bob)
    week = (date(2026, 6, 15), date(2026, 6, 22))
    contributor = DifferencesInsights()
    assert "differences.cards" not in contributor.tried(alice, week)
    as_bob.post(TALKED)
    assert "differences.cards" in contributor.tried(alice, week)
    assert "differences.cards" in contributor.tried(bob, week)
    assert "differences.cards" not in contributor.tried(bob, (date(2026, 6, 8), date(2026, 6, 15)))


def test_the_api_marks_a_card_and_the_comparison_says_when(alice, bob, couple, as_alice, as_bob):
    both_done(alice, bob)
    response = as_alice.post(f"/api/v1/differences/cards/{PROCESSING_CARD_ID}/talked")
    assert response.status_code == 201
    assert response.json() == {"card_id": PROCESSING_CARD_ID, "talked_on": "2026-06-17"}
    cards = as_bob.get("/api/v1/differences/comparison").json()["cards"]
    talked = {c["id"]: c["talked_on"] for c in cards}
    assert talked[PROCESSING_CARD_ID] == "2026-06-17"
    assert all(v is None for k, v in talked.items() if k != PROCESSING_CARD_ID)


def test_the_demo_couple_has_talked_one_card_over(db):
    from attunement.today.demo import create_demo
    from tests.conftest import login

    create_demo()
    alex = User.objects.get(email="alex@example.com")
    card = _card(login(alex).get(MAP).content.decode())
    assert "You talked about this on" in card and "We talked about it again" in card


def test_a_mis_tap_can_be_taken_back_the_same_day_by_either_partner(
    alice, bob, couple, as_alice, as_bob
):
    both_done(alice, bob)
    as_alice.post(TALKED)
    card = _card(as_bob.get(MAP).content.decode())
    assert "Undo: we haven&#x27;t yet" in card or "Undo: we haven't yet" in card
    response = as_bob.post(f"{TALKED}undo/")
    assert response.status_code == 302
    for client in (as_alice, as_bob):
        card = _card(client.get(MAP).content.decode())
        assert "You talked about" not in card and "We talked about this one" in card
    assert not CardTalk.objects.exists()
    # Nothing left to take back today: said plainly, and nothing else changes.
    again = as_alice.post(f"{TALKED}undo/")
    assert again.status_code == 409
    assert "no mark from today" in again.content.decode()


def test_an_earlier_days_talk_stays(alice, bob, couple):
    both_done(alice, bob)
    with time_machine.travel(datetime.now(UTC) - timedelta(days=2)):
        services.record_card_talk(user=alice, card_id=PROCESSING_CARD_ID)
    with pytest.raises(services.DifferencesError):
        services.take_back_card_talk(user=bob, card_id=PROCESSING_CARD_ID)
    assert CardTalk.objects.count() == 1
