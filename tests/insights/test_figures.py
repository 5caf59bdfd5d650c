"""Each progress figure from known data: two weeks, rows placed by hand, values worked out."""

from datetime import UTC, date, datetime, timedelta

import pytest

from attunement.couples.models import Visibility
from attunement.differences.insights import DifferencesInsights
from attunement.empathy.insights import EmpathyInsights
from attunement.insights import progress
from attunement.lib.insights import median, per_window
from attunement.listening.insights import ListeningInsights
from attunement.listening.models import Conversation, Rating
from attunement.sharing.insights import SharingInsights
from attunement.sharing.models import Answer, Reaction, ServedQuestion
from attunement.support.insights import SupportInsights
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.together.insights import TogetherInsights
from tests.insights.helpers import pulse_row

W1, W2 = date(2026, 6, 8), date(2026, 6, 15)
WINDOWS = [(W1, W2), (W2, W2 + timedelta(days=7))]


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def values(series, key):
    return next(s.values for s in series if s.figure.key == key)


def test_median_and_window_grouping():
    assert median([]) is None
    assert median([5, 1, 3]) == 3
    assert median([1, 2, 3, 10]) == 2.5
    rows = [(W1, 2.0), (W1 + timedelta(days=6), 4.0), (W2, 5.0), (date(2026, 1, 1), 9.0)]
    assert per_window(rows, WINDOWS) == [3.0, 5.0]


def test_support_figures_energy_feelings_and_check_ins(alice, bob, couple):
    def mine(day, energy, feelings):
        CheckIn.objects.create(
            owner=alice,
            couple=couple,
            local_date=day,
            feelings=feelings,
            intensity=3,
            energy=energy,
            need="nothing",
        )

    mine(W1, 2, ["sad"])
    mine(W1 + timedelta(days=1), 4, ["calm", "sad"])
    mine(W2, 5, ["joyful"])
    series = SupportInsights().figures(alice, WINDOWS)
    assert values(series, "support.check_ins") == [2.0, 1.0]
    assert values(series, "support.energy") == [3.0, 5.0]
    assert values(series, "support.light_feelings") == [50.0, 100.0]


def test_turning_toward_rate_and_median_response_time(alice, bob, couple):
    # Bob's check-ins; alice answers the first two the same day (after 30 and 90 minutes),
    # the third the next day, the fourth never.
    made = []
    for n, (day, hour) in enumerate(
        [
            (W1, 8),
            (W1 + timedelta(days=1), 9),
            (W1 + timedelta(days=2), 22),
            (W1 + timedelta(days=3), 7),
        ]
    ):
        made.append(
            CheckIn.objects.create(
                owner=bob,
                couple=couple,
                local_date=day,
                feelings=["calm"],
                intensity=2,
                energy=3,
                need="nothing",
                visibility=Visibility.SHARED,
                created_at=at(day, hour),
            )
        )
        assert n == len(made) - 1
    for c, minutes in zip(made[:3], (30, 90, 600), strict=True):
        CheckIn.objects.filter(pk=c.pk).update(
            turned_toward_at=c.created_at + timedelta(minutes=minutes)
        )
    # A private check-in of bob's is not alice's to count.
    CheckIn.objects.create(
        owner=bob,
        couple=couple,
        local_date=W1 + timedelta(days=4),
        feelings=["calm"],
        intensity=2,
        energy=3,
        need="nothing",
        visibility=Visibility.PRIVATE,
        created_at=at(W1 + timedelta(days=4), 9),
    )
    series = SupportInsights().figures(alice, WINDOWS)
    assert values(series, "support.turned_toward") == [50.0, None]
    assert values(series, "support.response_minutes") == [90.0, None]


def test_answers_shared_and_reactions(alice, bob, couple):
    day = W1 + timedelta(days=2)
    revealed = ServedQuestion.objects.create(
        couple=couple, day=day, question_id="q-0002", revealed_at=at(day, 20)
    )
    sealed = ServedQuestion.objects.create(
        couple=couple, day=day + timedelta(days=1), question_id="q-0003"
    )
    Answer.objects.create(
        owner=alice,
        couple=couple,
        served=revealed,
        text="a",
        visibility=Visibility.SEALED,
        revealed_at=at(day, 20),
        created_at=at(day, 19),
    )
    Answer.objects.create(
        owner=alice,
        couple=couple,
        served=sealed,
        text="b",
        visibility=Visibility.SEALED,
        created_at=at(day, 21),
    )
    theirs = Answer.objects.create(
        owner=bob,
        couple=couple,
        served=revealed,
        text="c",
        visibility=Visibility.SEALED,
        revealed_at=at(day, 20),
        created_at=at(day, 20),
    )
    Reaction.objects.create(
        owner=alice,
        couple=couple,
        answer=theirs,
        kind="moved",
        visibility=Visibility.SHARED,
        created_at=at(W2, 9),
    )
    series = SharingInsights().figures(alice, WINDOWS)
    assert values(series, "sharing.answers_shared") == [1.0, 0.0]  # the sealed one waits
    assert values(series, "sharing.reactions") == [0.0, 1.0]


def test_conversations_where_you_felt_heard(alice, bob, couple):
    for n, (day, felt) in enumerate([(W1, 5), (W1 + timedelta(days=3), 2), (W2, 4)]):
        conv = Conversation.objects.create(
            owner=alice,
            partner=bob,
            couple=couple,
            mode="typed",
            level="light",
            topic_id="t-001",
            state="ended",
        )
        Rating.objects.create(
            owner=alice,
            couple=couple,
            conversation=conv,
            felt_heard=felt,
            visibility=Visibility.PRIVATE,
            created_at=at(day, 10 + n),
        )
    series = ListeningInsights().figures(alice, WINDOWS)
    assert values(series, "listening.felt_heard") == [1.0, 1.0]
    assert values(series, "listening.felt_heard_mean") == [3.5, 4.0]


def test_pulse_per_strategy_and_closeness_over_weeks(alice, bob, couple):
    pulse_row(alice, W1, couple, closeness=40, listening=3, support=6)
    pulse_row(alice, W2, couple, closeness=70, listening=5, support=6)
    pulse_row(bob, W2, couple, closeness=10, listening=1, support=1, share=True)
    p = progress.progress_for(alice, "weeks")
    assert len(p.windows) == progress.COUNT and p.windows[-1][0] == W2
    assert values(p.series, "pulse.listening")[-2:] == [3.0, 5.0]
    assert values(p.series, "pulse.support")[-2:] == [6.0, 6.0]
    assert values(p.series, "pulse.closeness")[-2:] == [40.0, 70.0]
    assert p.together is None  # alice did not opt in: bob's line stays his


def test_months_span_has_twelve_calendar_months_ending_this_one():
    windows = progress.windows_for("months", date(2026, 6, 17))
    assert windows[0] == (date(2025, 7, 1), date(2025, 8, 1))
    assert windows[-1] == (date(2026, 6, 1), date(2026, 7, 1))
    assert len(windows) == 12


def test_appreciations_and_responses_count_as_tried(alice, bob, couple):
    c = CheckIn.objects.create(
        owner=bob,
        couple=couple,
        local_date=W2,
        feelings=["calm"],
        intensity=2,
        energy=3,
        need="nothing",
        visibility=Visibility.SHARED,
    )
    Response.objects.create(
        owner=alice, couple=couple, check_in=c, quick="hug", visibility=Visibility.SHARED
    )
    Appreciation.objects.create(
        owner=alice, recipient=bob, couple=couple, text="thanks", visibility=Visibility.SHARED
    )
    assert SupportInsights().tried(alice, WINDOWS[1]) == {
        "support.appreciation",
        "support.same_day",
    }
    assert SupportInsights().tried(alice, WINDOWS[0]) == set()


@pytest.mark.parametrize(
    "contributor",
    [
        SupportInsights(),
        SharingInsights(),
        ListeningInsights(),
        EmpathyInsights(),
        TogetherInsights(),
        DifferencesInsights(),
    ],
)
def test_every_contributor_offers_at_least_three_actions(alice, bob, couple, contributor):
    actions = contributor.actions(alice)
    assert len(actions) >= 3
    assert all(a.kind.startswith(contributor.strategy.value + ".") for a in actions)
