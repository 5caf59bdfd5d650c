"""The focus of the week: which strategy, which actions, and what the bandit learns."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from attunement.insights import focus, services
from attunement.insights.models import ActionStat, FocusWeek
from attunement.lib.errors import InvalidInput
from attunement.lib.insights import Strategy
from attunement.support.models import Appreciation
from tests.insights.helpers import pulse_row

THIS_WEEK = date(2026, 6, 15)
LAST_WEEK = THIS_WEEK - timedelta(days=7)


def test_the_lowest_mean_pulse_is_proposed():
    means = {Strategy.LISTENING: 5.0, Strategy.SHARING: 3.5, Strategy.SUPPORT: 4.0}
    assert focus.choose_strategy(means, []) == Strategy.SHARING


def test_last_weeks_focus_steps_aside_so_the_focus_moves_on():
    means = {Strategy.LISTENING: 5.0, Strategy.SHARING: 3.5, Strategy.SUPPORT: 4.0}
    assert focus.choose_strategy(means, ["sharing"]) == Strategy.SUPPORT
    # Far lower than the rest, it comes back even right after a week of focus.
    means[Strategy.SHARING] = 1.0
    assert focus.choose_strategy(means, ["sharing"]) == Strategy.SHARING


def test_unanswered_items_count_as_the_middle_of_the_scale():
    means = focus.strategy_means([{"listening": 2}, {"listening": 4, "support": 6}])
    assert means[Strategy.LISTENING] == 3
    assert means[Strategy.SUPPORT] == 6
    assert means[Strategy.SHARING] == focus.NEUTRAL == 4


def test_a_belief_moves_with_each_observation():
    stat = ActionStat(kind="support.appreciation")
    focus.update_belief(stat, helped=True)
    focus.update_belief(stat, helped=True)
    focus.update_belief(stat, helped=False)
    assert (stat.helped, stat.not_helped) == (2, 1)


def test_thompson_sampling_favours_what_helped_and_novelty_breaks_repetition():
    kinds = ["a", "b", "c", "d"]
    proven = {
        "a": ActionStat(kind="a", helped=30, not_helped=1, last_offered=THIS_WEEK),
        "b": ActionStat(kind="b", helped=0, not_helped=30, last_offered=THIS_WEEK),
        "c": ActionStat(kind="c", helped=0, not_helped=30, last_offered=THIS_WEEK),
    }
    wins = {k: 0 for k in kinds}
    for seed in range(200):
        chosen = focus.draw_actions(kinds, proven, random.Random(seed), THIS_WEEK)
        assert len(chosen) == focus.ACTIONS_SHOWN
        for k in chosen:
            wins[k] += 1
    assert wins["a"] == 200  # it helped almost every time
    assert wins["d"] == 200  # never offered: novelty and an open belief keep it in
    # Same couple and week, same plan: the page does not reshuffle on each visit.
    assert focus.draw_actions(kinds, proven, random.Random(1), THIS_WEEK) == focus.draw_actions(
        kinds, proven, random.Random(1), THIS_WEEK
    )


def test_the_focus_is_made_once_a_week_for_the_couple(alice, bob, couple):
    pulse_row(alice, THIS_WEEK, couple, listening=6, sharing=6, support=2)
    pulse_row(bob, THIS_WEEK, couple, listening=6, sharing=6, support=3)
    now = timezone.now()
    first = focus.current(alice, now)
    assert first is not None and first.strategy == "support" and first.week == THIS_WEEK
    assert len(first.actions) == 3
    assert focus.current(bob, now).pk == first.pk
    assert FocusWeek.objects.count() == 1
    assert ActionStat.objects.filter(last_offered=THIS_WEEK).count() == 3


def test_nobody_alone_gets_a_focus(alice):
    assert focus.current(alice, timezone.now()) is None
    with pytest.raises(InvalidInput):
        services.pick_focus(user=alice, strategy="support")


def test_the_couple_can_pick_another_focus(alice, bob, couple):
    services.pick_focus(user=alice, strategy="listening")
    week = FocusWeek.objects.get()
    assert week.strategy == "listening" and week.picked_by_couple
    assert all(k.startswith("listening.") for k in week.actions)
    with pytest.raises(InvalidInput):
        services.pick_focus(user=bob, strategy="romance")
    # Every strategy app now offers actions: empathy can be picked too, with its own actions.
    services.pick_focus(user=bob, strategy="empathy")
    week.refresh_from_db()
    assert week.strategy == "empathy" and len(week.actions) == 3
    assert all(k.startswith("empathy.") for k in week.actions)


def _last_week_focus(couple, actions):
    return FocusWeek.objects.create(
        couple=couple, week=LAST_WEEK, strategy="support", actions=actions
    )


def test_an_action_done_before_a_better_week_counts_as_helping(alice, bob, couple):
    _last_week_focus(couple, ["support.appreciation", "support.same_day", "support.name_a_need"])
    before = LAST_WEEK - timedelta(days=7)
    pulse_row(alice, before, couple, support=3, closeness=50)
    pulse_row(alice, LAST_WEEK, couple, support=5, closeness=50)
    Appreciation.objects.create(
        owner=bob,
        recipient=alice,
        couple=couple,
        text="thank you",
        created_at=timezone.now() - timedelta(days=5),
    )
    focus.learn(alice, THIS_WEEK)
    stat = ActionStat.objects.get(kind="support.appreciation")
    assert (stat.helped, stat.not_helped) == (1, 0)
    # Kinds nobody did teach nothing, and a week is learned from once.
    assert not ActionStat.objects.filter(kind="support.same_day").exists()
    focus.learn(alice, THIS_WEEK)
    assert ActionStat.objects.get(kind="support.appreciation").helped == 1


def test_an_action_followed_by_a_worse_week_counts_against(alice, bob, couple):
    _last_week_focus(couple, ["support.appreciation"])
    pulse_row(alice, LAST_WEEK - timedelta(days=7), couple, support=5, closeness=60)
    pulse_row(alice, LAST_WEEK, couple, support=4, closeness=55)
    Appreciation.objects.create(
        owner=alice,
        recipient=bob,
        couple=couple,
        text="thank you",
        created_at=timezone.now() - timedelta(days=5),
    )
    focus.learn(alice, THIS_WEEK)
    stat = ActionStat.objects.get(kind="support.appreciation")
    assert (stat.helped, stat.not_helped) == (0, 1)


def test_closer_counts_as_better_even_if_the_item_stayed(alice, bob, couple):
    _last_week_focus(couple, ["support.appreciation"])
    pulse_row(alice, LAST_WEEK - timedelta(days=7), couple, support=4, closeness=40)
    pulse_row(alice, LAST_WEEK, couple, support=4, closeness=70)
    Appreciation.objects.create(
        owner=alice,
        recipient=bob,
        couple=couple,
        text="thank you",
        created_at=timezone.now() - timedelta(days=5),
    )
    focus.learn(alice, THIS_WEEK)
    assert ActionStat.objects.get(kind="support.appreciation").helped == 1


def test_without_a_pulse_on_both_sides_nothing_is_learned(alice, bob, couple):
    week = _last_week_focus(couple, ["support.appreciation"])
    pulse_row(alice, LAST_WEEK, couple, support=7)
    Appreciation.objects.create(
        owner=alice,
        recipient=bob,
        couple=couple,
        text="thank you",
        created_at=timezone.now() - timedelta(days=5),
    )
    focus.learn(alice, THIS_WEEK)
    assert not ActionStat.objects.exists()
    week.refresh_from_db()
    assert week.scored
