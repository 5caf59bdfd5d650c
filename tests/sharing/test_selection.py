"""Selection rules: no repeats, depth progression, comfort ceilings, the couple's day."""

from collections import Counter
from datetime import UTC, datetime

import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from attunement import content
from attunement.sharing import selection, services
from attunement.sharing.models import ServedQuestion
from tests.conftest import make_user, pair

QUESTIONS = content.load("questions")
DEPTH_OF = {q["id"]: q["depth"] for q in QUESTIONS}
THEME_OF = {q["id"]: q["theme"] for q in QUESTIONS}


def serve_many(seed: str, n: int, deepest: str, history: list[str] | None = None) -> list[str]:
    history = list(history or [])
    for _ in range(n):
        history.append(selection.choose_question(seed=seed, history=history, deepest=deepest))
    return history


def test_no_question_repeats_until_the_whole_eligible_library_was_served() -> None:
    eligible = [q["id"] for q in QUESTIONS if q["depth"] in ("light", "personal")]
    served = serve_many("couple-a", len(eligible), "personal")
    assert sorted(served) == sorted(eligible)
    # The next round starts over, still without repeating inside the round.
    second = serve_many("couple-a", 30, "personal", served)[len(served) :]
    assert len(set(second)) == 30


def test_selection_is_deterministic_per_couple_and_differs_between_couples() -> None:
    assert serve_many("couple-a", 20, "deep") == serve_many("couple-a", 20, "deep")
    assert serve_many("couple-a", 20, "deep") != serve_many("couple-b", 20, "deep")


def test_only_questions_up_to_the_allowed_depth_are_served() -> None:
    assert {DEPTH_OF[i] for i in serve_many("c", 60, "light")} == {"light"}
    assert "deep" not in {DEPTH_OF[i] for i in serve_many("c", 100, "personal")}


def test_deepest_allowed_depth_dominates_with_a_lighter_breather_every_third_day() -> None:
    served = serve_many("c", 30, "deep")
    depths = Counter(DEPTH_OF[i] for i in served)
    assert depths["deep"] == 20 and depths["personal"] == 10


def test_themes_vary_from_one_day_to_the_next() -> None:
    served = serve_many("c", 40, "deep")
    assert all(THEME_OF[a] != THEME_OF[b] for a, b in zip(served, served[1:], strict=False))


def test_depth_opens_up_as_the_couple_keeps_answering() -> None:
    assert selection.unlocked_depth(0) == "light"
    assert selection.unlocked_depth(selection.PERSONAL_AFTER - 1) == "light"
    assert selection.unlocked_depth(selection.PERSONAL_AFTER) == "personal"
    assert selection.unlocked_depth(selection.DEEP_AFTER) == "deep"


def test_the_lower_comfort_ceiling_applies() -> None:
    assert selection.allowed_depth(100, ["deep", "personal"]) == "personal"
    assert selection.allowed_depth(100, ["light", "deep"]) == "light"
    assert selection.allowed_depth(0, ["deep", "deep"]) == "light"


def test_partners_ceiling_limits_the_couples_question_without_being_shown(
    alice, bob, couple, as_alice
):
    services.set_comfort(user=bob, ceiling="light")
    ServedQuestion.objects.bulk_create(
        ServedQuestion(
            couple=couple,
            day=f"2020-01-{d:02d}",
            question_id=q["id"],
            revealed_at=datetime.now(UTC),
        )
        for d, q in enumerate(QUESTIONS[:20], start=1)
    )
    served = services.todays_question(user=alice)
    assert served.depth == "light"
    page = as_alice.get("/questions/comfort/").content.decode()
    assert 'value="deep" id="id_ceiling_2" required checked' in page
    assert "Bob" not in page and 'id="id_ceiling_0" required checked' not in page


def test_progression_reaches_personal_after_enough_revealed_questions(alice, bob, couple):
    ServedQuestion.objects.bulk_create(
        ServedQuestion(
            couple=couple,
            day=f"2020-01-{d:02d}",
            question_id=q["id"],
            revealed_at=datetime.now(UTC),
        )
        for d, q in enumerate(QUESTIONS[: selection.PERSONAL_AFTER + 1], start=1)
    )
    # (Six served: not a "lighter" day, so the newly opened depth comes up.)
    assert services.todays_question(user=alice).depth == "personal"


def test_both_partners_get_the_same_question_even_in_different_time_zones(db):
    tokyo = make_user("t@example.com", "Tomo", "Asia/Tokyo")
    la = make_user("l@example.com", "Lou", "America/Los_Angeles")
    pair(tokyo, la)
    # 20:00 UTC: already tomorrow in Tokyo, still today in Los Angeles.
    with time_machine.travel(datetime(2026, 3, 10, 20, 0, tzinfo=UTC), tick=False):
        a = services.todays_question(user=tokyo)
        b = services.todays_question(user=la)
    assert a.pk == b.pk
    assert str(a.day) == "2026-03-10"  # the earlier of the two local dates


def test_a_new_couple_day_starts_at_midnight_where_the_day_begins_last(db):
    tokyo = make_user("t@example.com", "Tomo", "Asia/Tokyo")
    la = make_user("l@example.com", "Lou", "America/Los_Angeles")
    pair(tokyo, la)
    with time_machine.travel(datetime(2026, 3, 11, 6, 59, tzinfo=UTC), tick=False):
        before = services.todays_question(user=tokyo)  # 23:59 in Los Angeles
    with time_machine.travel(datetime(2026, 3, 11, 7, 1, tzinfo=UTC), tick=False):
        after = services.todays_question(user=tokyo)  # 00:01 in Los Angeles
    assert (str(before.day), str(after.day)) == ("2026-03-10", "2026-03-11")
    assert before.question_id != after.question_id


def test_solo_person_follows_their_own_local_day(db):
    sydney = make_user("s@example.com", "Sol", "Australia/Sydney")
    with time_machine.travel(datetime(2026, 3, 10, 14, 0, tzinfo=UTC), tick=False):
        served = services.todays_question(user=sydney)
    assert served.person_id == sydney.pk and str(served.day) == "2026-03-11"


def test_catalogue_has_at_least_300_questions_over_three_depths_and_ten_themes():
    assert len(QUESTIONS) >= 300
    assert set(DEPTH_OF.values()) == {"light", "personal", "deep"}
    assert len(set(THEME_OF.values())) >= 10


@settings(max_examples=60, deadline=None)
@given(
    history=st.lists(st.sampled_from([q["id"] for q in QUESTIONS]), max_size=60),
    deepest=st.sampled_from(["light", "personal", "deep"]),
    seed=st.text(min_size=1, max_size=8),
)
def test_any_history_gets_an_eligible_least_served_question(history, deepest, seed) -> None:
    chosen = selection.choose_question(seed=seed, history=history, deepest=deepest)
    eligible = [q["id"] for q in QUESTIONS if q["depth"] in selection.allowed_depths(deepest)]
    counts = Counter(history)
    assert chosen in eligible
    assert counts[chosen] == min(counts[i] for i in eligible)
