"""The weekly pulse: private answers, one per person and week, and closeness seen together
only when both chose it."""

from datetime import date, timedelta

import pytest

from attunement.couples import access
from attunement.insights import pulse, services
from attunement.insights.models import PulseAnswer
from attunement.lib.errors import InvalidInput
from tests.insights.helpers import STRATEGIES, pulse_row

ALL_FOURS = dict.fromkeys(STRATEGIES, 4)


def test_the_pulse_asks_one_item_per_strategy_and_a_closeness_slider():
    items = pulse.items()
    assert [i.strategy for i in items] == list(STRATEGIES)
    assert pulse.closeness().strategy == "overall"
    assert all(i.text.startswith("This week") for i in items)


def test_a_pulse_is_private_and_one_per_week(alice, bob, couple):
    services.submit_pulse(user=alice, scores=ALL_FOURS, closeness=60, share_closeness=False)
    services.submit_pulse(
        user=alice, scores={**ALL_FOURS, "support": 7}, closeness=70, share_closeness=True
    )
    rows = PulseAnswer.objects.filter(owner=alice)
    assert rows.count() == 1
    assert rows.get().visibility == "private" and rows.get().scores["support"] == 7
    assert access.visible(bob, PulseAnswer.objects).count() == 0
    assert pulse.this_week(alice) == date(2026, 6, 15)


@pytest.mark.parametrize(
    "scores, closeness",
    [
        ({**ALL_FOURS, "support": 8}, 50),
        ({**ALL_FOURS, "support": 0}, 50),
        ({**ALL_FOURS, "support": True}, 50),
        ({**ALL_FOURS, "romance": 3}, 50),
        ({}, 50),
        (ALL_FOURS, 101),
        (ALL_FOURS, -1),
    ],
)
def test_out_of_range_answers_are_refused_and_nothing_is_saved(alice, scores, closeness):
    with pytest.raises(InvalidInput):
        services.submit_pulse(user=alice, scores=scores, closeness=closeness, share_closeness=False)
    assert not PulseAnswer.objects.exists()


def test_closeness_is_seen_together_only_in_weeks_both_chose_it(alice, bob, couple):
    w1, w2, w3 = date(2026, 6, 1), date(2026, 6, 8), date(2026, 6, 15)
    pulse_row(alice, w1, couple, closeness=60, share=True)
    pulse_row(bob, w1, couple, closeness=80, share=True)
    pulse_row(alice, w2, couple, closeness=61, share=True)
    pulse_row(bob, w2, couple, closeness=81, share=False)  # bob keeps this week to himself
    pulse_row(alice, w3, couple, closeness=62, share=False)
    pulse_row(bob, w3, couple, closeness=82, share=True)  # alice did not opt in this week
    end = w3 + timedelta(days=7)
    assert access.mutual_closeness(alice, PulseAnswer.objects, w1, end) == [(w1, 80)]
    assert access.mutual_closeness(bob, PulseAnswer.objects, w1, end) == [(w1, 60)]


def test_an_ex_partner_sees_no_closeness_at_all(alice, bob, couple):
    from attunement.couples.services import leave_couple

    week = date(2026, 6, 8)
    pulse_row(alice, week, couple, closeness=60, share=True)
    pulse_row(bob, week, couple, closeness=80, share=True)
    leave_couple(user=alice)
    access.forget(bob)
    assert access.mutual_closeness(bob, PulseAnswer.objects, week, week + timedelta(days=7)) == []
