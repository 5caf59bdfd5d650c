"""Empathy's contribution to Insights, from rows placed by hand in two known weeks: the
guesser's own accuracy (never a score of their own feelings), quiz rounds, and what was tried."""

from datetime import UTC, date, datetime, timedelta

from attunement.couples.models import Visibility
from attunement.empathy.insights import EmpathyInsights
from attunement.empathy.models import (
    Disagreement,
    EntryKind,
    FeelingGuess,
    FeelingRound,
    QuizEntry,
    QuizRound,
    Story,
)

W1, W2 = date(2026, 6, 8), date(2026, 6, 15)
WINDOWS = [(W1, W2), (W2, W2 + timedelta(days=7))]
SEALED = Visibility.SEALED


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def values(series, key):
    return next(s.values for s in series if s.figure.key == key)


def guessed(feeler, guesser, couple, when, score):
    felt = FeelingRound.objects.create(
        owner=feeler,
        couple=couple,
        visibility=SEALED,
        feelings=["calm"],
        intensity=3,
        created_at=when,
        revealed_at=when,
    )
    return FeelingGuess.objects.create(
        owner=guesser,
        couple=couple,
        visibility=SEALED,
        round=felt,
        feelings=["calm"],
        intensity=3,
        accuracy=score,
        created_at=when,
        revealed_at=when,
    )


def entry(owner, couple, subject, when, kind):
    quiz = QuizRound.objects.create(
        couple=couple, subject=subject, item_id="pq-001", created_at=when
    )
    QuizEntry.objects.create(
        owner=owner,
        couple=couple,
        visibility=SEALED,
        round=quiz,
        kind=kind,
        value='"x"',
        created_at=when,
    )


def test_accuracy_is_the_guessers_own_and_quiz_rounds_are_counted(alice, bob, couple):
    guessed(bob, alice, couple, at(W1), 0.8)
    guessed(bob, alice, couple, at(W1 + timedelta(days=2)), 0.6)
    guessed(bob, alice, couple, at(W2), 0.5)
    # Bob's guess at Alice's feelings is his score, never hers.
    guessed(alice, bob, couple, at(W2, 9), 0.2)
    entry(alice, couple, alice, at(W1), EntryKind.ANSWER)
    entry(alice, couple, bob, at(W1 + timedelta(days=1)), EntryKind.GUESS)
    entry(bob, couple, bob, at(W2), EntryKind.ANSWER)

    mine = EmpathyInsights().figures(alice, WINDOWS)
    assert values(mine, "empathy.accuracy") == [70.0, 50.0]
    assert values(mine, "empathy.quiz_rounds") == [2.0, 0.0]
    theirs = EmpathyInsights().figures(bob, WINDOWS)
    assert values(theirs, "empathy.accuracy") == [None, 20.0]
    assert values(theirs, "empathy.quiz_rounds") == [0.0, 1.0]


def test_what_each_partner_tried_in_a_week(alice, bob, couple):
    guessed(bob, alice, couple, at(W1), 0.8)
    entry(alice, couple, alice, at(W1), EntryKind.ANSWER)
    FeelingRound.objects.create(
        owner=alice,
        couple=couple,
        visibility=SEALED,
        feelings=["tired"],
        intensity=2,
        created_at=at(W2),
    )
    talk = Disagreement.objects.create(owner=bob, couple=couple, topic="the dishes")
    Story.objects.create(
        owner=alice,
        couple=couple,
        visibility=SEALED,
        disagreement=talk,
        text="Tired of it.",
        created_at=at(W2),
    )
    contributor = EmpathyInsights()
    assert contributor.tried(alice, WINDOWS[0]) == {"empathy.guess", "empathy.quiz"}
    assert contributor.tried(alice, WINDOWS[1]) == {"empathy.share_feelings", "empathy.perspective"}
    assert contributor.tried(bob, WINDOWS[0]) == {"empathy.share_feelings"}
    assert contributor.tried(bob, WINDOWS[1]) == set()


def test_actions_lead_to_the_empathy_pages(alice, bob, couple, as_alice):
    actions = EmpathyInsights().actions(alice)
    assert [a.kind for a in actions] == [
        "empathy.guess",
        "empathy.share_feelings",
        "empathy.quiz",
        "empathy.perspective",
    ]
    assert "Guess how your partner feels today" in [a.label for a in actions]
    for action in actions:
        assert as_alice.get(action.url).status_code == 200, action.url
