"""Profiles are private until shared; guesses are sealed until both are done."""

import json

import pytest

from attunement.couples.services import leave_couple
from attunement.couples.style import style_hints
from attunement.differences import compare, services
from attunement.differences.models import StyleGuess, StyleTake
from attunement.lib.errors import DomainError, InvalidInput
from tests.differences.helpers import (
    ALICE,
    ALICES_CLOSENESS,
    BOB,
    PROCESSING_CARD,
    all_scales,
    both_done,
    guess,
    take,
)

pytestmark = pytest.mark.django_db


def api(client, path):
    response = client.get(f"/api/v1/differences/{path}")
    assert response.status_code == 200
    return response.json()


def test_a_new_profile_is_private_and_the_partner_sees_nothing_of_it(
    alice, bob, couple, as_alice, as_bob
):
    take(alice, ALICE)
    assert api(as_bob, "profiles")["partner"] is None
    assert ALICES_CLOSENESS not in as_bob.get("/differences/").content.decode()
    assert ALICES_CLOSENESS in as_alice.get("/differences/").content.decode()
    assert style_hints(alice, reader=bob) is None
    assert style_hints(alice, reader=alice) is not None


def test_sharing_shows_the_latest_profile_and_taking_it_back_hides_it_again(
    alice, bob, couple, as_alice, as_bob
):
    take(alice, ALICE)
    as_alice.post("/differences/share/", {"shared": "1"})
    assert api(as_bob, "profiles")["partner"]["scores"][0]["score"] == 6.0
    as_alice.post("/differences/share/", {"shared": "0"})
    assert api(as_bob, "profiles")["partner"] is None
    assert style_hints(alice, reader=bob) is None


def test_a_retake_keeps_the_history_and_the_sharing_choice(alice, bob, couple, as_alice, as_bob):
    take(alice, ALICE, shared=True)
    take(alice, {**ALICE, "closeness": 2})
    mine = api(as_alice, "profiles")
    assert mine["mine"]["scores"][0]["score"] == 2.0
    assert [p["scores"][0]["score"] for p in mine["history"]] == [6.0]
    assert api(as_bob, "profiles")["partner"]["scores"][0]["score"] == 2.0
    assert api(as_bob, "profiles")["history"] == []  # the partner reads only the latest


def test_an_ex_partner_loses_the_shared_profile_at_once(alice, bob, couple, as_bob):
    take(alice, ALICE, shared=True)
    leave_couple(user=alice)
    assert api(as_bob, "profiles")["partner"] is None
    assert style_hints(alice, reader=bob) is None


def test_guesses_stay_sealed_until_both_have_taken_it_and_guessed(alice, bob, couple):
    take(alice, ALICE, shared=True)
    guess(alice, BOB)
    take(bob, BOB, shared=True)
    bobs_view = compare.build(bob)
    assert bobs_view.state == "guess"
    assert bobs_view.partners_guess is None
    assert all(r.partners_guess is None for r in bobs_view.rows)
    assert compare.build(alice).state == "waiting"
    assert compare.build(alice).cards() == []  # nothing to meet in the middle yet...
    assert guess(bob, ALICE).revealed_at is not None
    assert StyleGuess.objects.filter(revealed_at__isnull=False).count() == 2
    alices_view = compare.build(alice)
    assert alices_view.state == "ready"
    assert [r.partners_guess for r in alices_view.rows] == list(ALICE.values())


def test_the_sealed_guess_is_not_in_the_partners_api(alice, bob, couple, as_bob):
    take(alice, ALICE)
    guess(alice, all_scales(7))
    take(bob, BOB)
    body = as_bob.get("/api/v1/differences/comparison").content.decode()
    assert json.loads(body)["state"] == "guess"
    assert all(r["partners_guess_of_me"] is None for r in json.loads(body)["rows"])


def test_guessing_before_taking_it_waits_for_your_own_take(alice, bob, couple):
    take(bob, BOB)
    guess(bob, ALICE)
    guess(alice, BOB)
    assert not StyleGuess.objects.filter(revealed_at__isnull=False).exists()
    take(alice, ALICE)  # completing the take reveals
    assert StyleGuess.objects.filter(revealed_at__isnull=True).count() == 0


def test_a_revealed_guess_cannot_change(alice, bob, couple):
    both_done(alice, bob)
    with pytest.raises(DomainError, match="already revealed"):
        guess(alice, all_scales(1))


def test_a_guess_needs_a_partner_and_every_scale_on_the_scale(alice, bob):
    with pytest.raises(DomainError, match="invite your partner"):
        guess(alice, BOB)
    from tests.conftest import pair

    pair(alice, bob)
    with pytest.raises(InvalidInput):
        guess(alice, {k: v for k, v in BOB.items() if k != "recharge"})
    with pytest.raises(InvalidInput):
        guess(alice, {**BOB, "recharge": 0})
    assert not StyleGuess.objects.exists()


def test_the_map_of_two_shared_profiles_names_the_difference_and_how_well_each_knew(
    alice, bob, couple, as_alice, as_bob
):
    both_done(alice, bob)
    for client in (as_alice, as_bob):
        page = client.get("/differences/map/").content.decode()
        assert PROCESSING_CARD in page
        assert "Where you differ most" in page
        assert "within a point on" in page
    alices = compare.build(alice)
    knowing = {(k.guesser, k.about): (k.close, k.total) for k in alices.knowing()}
    assert knowing[("Bob", "Alice")] == (11, 11)
    assert knowing[("Alice", "Bob")] == (10, 11)  # she guessed 4 for his practical 7


def test_a_private_profile_never_shows_on_the_partners_map(alice, bob, couple, as_bob):
    both_done(alice, bob, shared=False)
    services.set_profile_sharing(user=bob, shared=True)
    bobs = compare.build(bob)
    assert bobs.state == "ready"
    assert all(r.partners is None for r in bobs.rows)
    assert bobs.cards() == []
    # Bob sees how well Alice knew him (his own scores), not how well he knew her.
    assert [(k.guesser, k.about) for k in bobs.knowing()] == [("Alice", "Bob")]
    page = as_bob.get("/differences/map/").content.decode()
    assert PROCESSING_CARD not in page
    assert "hasn't shared their profile" in page


def test_finishing_with_a_screen_left_unanswered_is_refused_and_keeps_the_draft(alice):
    services.save_answers(user=alice, dimension="closeness", answers=dict.fromkeys(
        ["i-01", "i-02", "i-03", "i-04", "i-05"], 4))  # fmt: skip
    with pytest.raises(InvalidInput, match="Answer every statement"):
        services.finish_take(user=alice)
    draft = StyleTake.objects.get(owner=alice)
    assert draft.completed_at is None and len(draft.answers) == 5
