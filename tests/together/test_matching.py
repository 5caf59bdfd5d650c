"""Matching and suggestions: only mutual yeses (and yes + maybe) reach anyone, and suggestions
lean towards what is new to the couple."""

import pytest

from attunement import content
from attunement.couples import access
from attunement.together import reading
from attunement.together.models import Swipe
from attunement.together.suggest import Filters, feels_familiar, suggest
from tests.together.helpers import both_say

pytestmark = pytest.mark.django_db

ACTIVITIES = {a["id"]: a for a in content.load("activities")}


def by(tag: str, value: str, place: str | None = None) -> list[str]:
    return [
        i
        for i, a in ACTIVITIES.items()
        if a[tag] == value and (place is None or a["place"] == place)
    ]


def test_only_yes_yes_and_yes_maybe_are_matches(alice, bob, couple):
    both_say(alice, bob, "a-001", "yes", "yes")
    both_say(alice, bob, "a-002", "yes", "maybe")
    both_say(alice, bob, "a-003", "maybe", "maybe")
    both_say(alice, bob, "a-004", "yes", "no")
    both_say(alice, bob, "a-005", "no", "no")
    found = {m.activity["id"]: m for m in reading.matches(alice)}
    assert set(found) == {"a-001", "a-002"}
    assert found["a-001"].label == "You both said yes"
    assert found["a-002"].label == "A yes and a maybe"
    assert [m.activity["id"] for m in reading.matches(alice)] == ["a-001", "a-002"]


def test_a_no_reads_exactly_like_not_yet_swiped(alice, bob, couple):
    services_said_no = access.mutual_choices(bob, Swipe.objects)
    both_say(alice, bob, "a-004", "no", "yes")
    after_no = access.mutual_choices(bob, Swipe.objects)
    assert after_no == services_said_no == {}
    assert reading.own_choices(bob) == {"a-004": "yes"}


def test_an_ex_partners_swipes_stop_counting(alice, bob, couple):
    from attunement.couples.services import leave_couple

    both_say(alice, bob)
    assert reading.matches(bob)
    leave_couple(user=alice)
    access.forget(bob)
    assert reading.matches(bob) == []


def test_suggestions_prefer_what_the_couple_has_not_done():
    new_ids = by("novelty", "new")[:2]
    matches = {i: ("yes", "yes") for i in new_ids}
    first = suggest(matches, done=[new_ids[0]], upcoming=set(), filters=Filters(), seed="s")
    assert first[0].activity["id"] == new_ids[1]
    assert "haven't done" in first[0].why or "new" in first[0].why
    assert "done it before" in first[1].why


def test_suggestions_prefer_novel_over_familiar_when_everything_else_is_equal():
    familiar, new = by("novelty", "familiar")[0], by("novelty", "new")[0]
    matches = {familiar: ("yes", "yes"), new: ("yes", "yes")}
    order = [
        s.activity["id"]
        for s in suggest(matches, done=[], upcoming=set(), filters=Filters(), seed="x")
    ]
    assert order == [new, familiar]


def test_mutual_yes_beats_yes_and_maybe():
    a, b = by("novelty", "new")[:2]
    got = suggest(
        {a: ("yes", "maybe"), b: ("yes", "yes")},
        done=[],
        upcoming=set(),
        filters=Filters(),
        seed="x",
    )
    assert [s.activity["id"] for s in got] == [b, a]
    assert got[1].why.startswith("One of you said yes and the other maybe")


def test_novelty_leans_harder_after_a_run_of_familiar_plans():
    familiar = by("novelty", "familiar")
    fresh = by("novelty", "fresh")[0]
    # Never done, both yes, familiar (rank 0) against done-before fresh (rank 1).
    candidate_familiar, done_fresh = familiar[0], fresh
    matches = {candidate_familiar: ("yes", "yes"), done_fresh: ("yes", "yes")}
    calm = suggest(matches, done=[done_fresh], upcoming=set(), filters=Filters(), seed="x")
    assert calm[0].activity["id"] == candidate_familiar  # not done yet wins normally
    recent = [familiar[1], familiar[2], familiar[3], done_fresh]
    assert feels_familiar(recent)
    bored = suggest(matches, done=recent, upcoming=set(), filters=Filters(), seed="x")
    assert bored[0].activity["id"] == done_fresh  # after familiar plans, novelty counts triple
    new = by("novelty", "new")[0]
    lean = suggest({new: ("yes", "yes")}, done=recent, upcoming=set(), filters=Filters(), seed="x")
    assert (
        lean[0].why == "You both said yes, and after a few familiar plans this one is new for you."
    )


def test_repeats_count_as_familiar_too():
    new = by("novelty", "new")[0]
    assert feels_familiar([new, new, new, new])  # each of the latest three was done before
    assert not feels_familiar([new, new, new])  # the oldest of them was new at the time
    assert not feels_familiar([new])
    assert not feels_familiar(by("novelty", "new")[:3])


def test_filters_limit_cost_energy_and_place():
    splurge = by("cost", "splurge")[0]
    high = by("energy", "high")[0]
    distance = by("place", "distance")[0]
    home_free = next(
        i
        for i, a in ACTIVITIES.items()
        if a["place"] == "home" and a["cost"] == "free" and a["energy"] == "low"
    )
    matches = {i: ("yes", "yes") for i in (splurge, high, distance, home_free)}
    f = Filters(max_cost="low", max_energy="medium", places=("home",))
    got = suggest(matches, done=[], upcoming=set(), filters=f, seed="x", limit=10)
    assert [s.activity["id"] for s in got] == [home_free]
    apart = suggest(
        matches, done=[], upcoming=set(), filters=Filters(places=("distance",)), seed="x"
    )
    assert [s.activity["id"] for s in apart] == [distance]


def test_planned_activities_are_not_suggested_again():
    a = by("novelty", "new")[0]
    assert suggest({a: ("yes", "yes")}, done=[], upcoming={a}, filters=Filters(), seed="x") == []


def test_only_matches_are_ever_suggested(alice, bob, couple):
    both_say(alice, bob, "a-004", "no", "yes")
    both_say(alice, bob, "a-001", "yes", "yes")
    got = reading.suggestions(bob, reading.matches(bob))
    assert [s.activity["id"] for s in got] == ["a-001"]


def test_suggestions_hold_still_within_a_week_and_each_has_one_line_of_why():
    matches = {i: ("yes", "yes") for i in by("novelty", "new")[:10]}
    one = suggest(matches, done=[], upcoming=set(), filters=Filters(), seed="c:2026-25")
    two = suggest(matches, done=[], upcoming=set(), filters=Filters(), seed="c:2026-25")
    assert one == two and len(one) == 3
    assert all(s.why and "\n" not in s.why for s in one)
