"""Differences' contribution to Insights: no weekly figure, three actions, and what was tried
(a finished reflection, a guess, and a card the couple marked as talked over: test_card_talks)."""

from datetime import UTC, date, datetime, timedelta

from attunement.couples.models import Visibility
from attunement.differences.insights import DifferencesInsights
from attunement.differences.models import StyleGuess, StyleTake

W1, W2 = date(2026, 6, 8), date(2026, 6, 15)
WINDOWS = [(W1, W2), (W2, W2 + timedelta(days=7))]


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def test_no_weekly_figure(alice, bob, couple):
    assert DifferencesInsights().figures(alice, WINDOWS) == []


def test_what_each_partner_tried_in_a_week(alice, bob, couple):
    StyleTake.objects.create(
        owner=alice, couple=couple, visibility=Visibility.PRIVATE, completed_at=at(W1)
    )
    StyleTake.objects.create(owner=bob, couple=couple, visibility=Visibility.PRIVATE)  # unfinished
    guess = StyleGuess.objects.create(
        owner=bob, couple=couple, visibility=Visibility.SEALED, about=alice
    )
    StyleGuess.objects.filter(pk=guess.pk).update(updated_at=at(W2))
    contributor = DifferencesInsights()
    assert contributor.tried(alice, WINDOWS[0]) == {"differences.reflection"}
    assert contributor.tried(alice, WINDOWS[1]) == set()
    assert contributor.tried(bob, WINDOWS[0]) == set()
    assert contributor.tried(bob, WINDOWS[1]) == {"differences.guess"}


def test_actions_lead_to_the_differences_pages(alice, bob, couple, as_alice):
    actions = DifferencesInsights().actions(alice)
    assert [a.label for a in actions] == [
        "Read your difference cards together",
        "Take the style reflection",
        "Guess your partner's style",
    ]
    for action in actions:
        assert as_alice.get(action.url, follow=True).status_code == 200, action.url
