"""The pages: one screen per dimension, the guess, the map, Today, and what they cost."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.differences import scoring
from attunement.differences.models import StyleTake
from tests.differences.helpers import ALICE, BOB, both_done, closeness_answers, take

pytestmark = pytest.mark.django_db


def screen(dimension, value="4"):
    return {item["id"]: value for item in dimension.items}


def test_taking_it_one_screen_at_a_time_ends_on_the_explained_profile(alice, as_alice):
    response = as_alice.get("/differences/take/")
    assert response.url == "/differences/take/closeness/"
    page = as_alice.get(response.url).content.decode()
    assert "not a test or a diagnosis" in page
    assert "Screen 1 of 7" in page
    dims = scoring.dimensions()
    for n, dimension in enumerate(dims):
        response = as_alice.post(f"/differences/take/{dimension.id}/", screen(dimension, "6"))
        assert response.status_code == 302
        if n < len(dims) - 1:
            assert response.url == f"/differences/take/{dims[n + 1].id}/"
    assert response.url == "/differences/"
    page = as_alice.get("/differences/").content.decode()
    assert "Your profile is ready. Only you can see it." in page
    # 6 everywhere: closeness has two reversed items, so 4.4, explained as the middle.
    assert "Now and then a kind word or a quick message helps you feel close" in page
    assert StyleTake.objects.get(owner=alice).completed_at is not None


def test_a_screen_with_an_unanswered_statement_is_refused_and_saves_nothing(alice, as_alice):
    data = closeness_answers()
    data.pop("i-03")
    response = as_alice.post("/differences/take/closeness/", data)
    assert response.status_code == 400
    assert "Choose an answer for this one." in response.content.decode()
    assert not StyleTake.objects.exists()


def test_coming_back_later_carries_on_where_you_left_off(alice, as_alice):
    as_alice.post("/differences/take/closeness/", closeness_answers())
    assert as_alice.get("/differences/take/").url == "/differences/take/space/"
    page = as_alice.get("/differences/take/closeness/").content.decode()
    assert re.search(r'name="i-01" value="5"[^>]*checked', page)
    assert not re.search(r'name="i-01" value="4"[^>]*checked', page)


def test_finishing_on_the_last_screen_with_a_gap_earlier_goes_back_to_the_gap(alice, as_alice):
    last = scoring.dimensions()[-1]
    response = as_alice.post(f"/differences/take/{last.id}/", screen(last))
    assert response.url == "/differences/take/"
    assert as_alice.get("/differences/take/").url == "/differences/take/closeness/"
    assert StyleTake.objects.get(owner=alice).completed_at is None


def test_guessing_without_a_partner_says_to_invite_them(alice, as_alice):
    assert "invite your partner" in as_alice.get("/differences/guess/").content.decode()
    response = as_alice.post("/differences/guess/", {k: "4" for k in BOB})
    assert response.status_code == 409


def test_today_leads_from_taking_it_to_guessing_to_the_map(alice, bob, couple, as_alice):
    assert "Take the reflection" in as_alice.get("/today/").content.decode()
    take(alice, ALICE)
    assert "Guess Bob's style" in as_alice.get("/today/").content.decode()
    both_done_after_alice(alice, bob)
    assert "See your map" in as_alice.get("/today/").content.decode()


def both_done_after_alice(alice, bob):
    from tests.differences.helpers import guess

    take(bob, BOB, shared=True)
    guess(alice, BOB)
    guess(bob, ALICE)


def test_the_map_draws_both_profiles_as_svg_with_a_table(alice, bob, couple, as_alice):
    both_done(alice, bob)
    page = as_alice.get("/differences/map/").content.decode()
    assert page.count('class="me"') == len(scoring.scales()) + 1  # a marker per row + legend
    assert page.count('class="partner"') == len(scoring.scales()) + 1
    assert "<table" in page and "Bob's guess of Alice" in page


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/differences/", "/differences/map/", "/differences/guess/"])
def test_pages_cost_the_same_after_many_retakes(alice, bob, couple, as_alice, url):
    both_done(alice, bob)
    once = _count(as_alice, url)
    for n in range(12):
        take(alice, {**ALICE, "closeness": n % 7 + 1})
        take(bob, BOB)
    assert _count(as_alice, url) == once
    assert once <= 12


def test_today_costs_the_same_after_many_retakes(alice, bob, couple, as_alice):
    both_done(alice, bob)
    _count(as_alice, "/today/")  # the first visit of the day serves the daily question
    once = _count(as_alice, "/today/")
    for _ in range(12):
        take(alice, ALICE)
    assert _count(as_alice, "/today/") == once
