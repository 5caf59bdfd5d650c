"""Time together's contribution to Insights, from rows placed by hand in two known weeks:
plans made and dates had, the person's own connection rating, and what was tried."""

from datetime import UTC, date, datetime, timedelta

from attunement.couples.models import Visibility
from attunement.together.insights import TogetherInsights
from attunement.together.models import Highlight, Plan, Swipe

W1, W2 = date(2026, 6, 8), date(2026, 6, 15)  # the tests' clock stands at noon on 17 June
WINDOWS = [(W1, W2), (W2, W2 + timedelta(days=7))]


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def values(series, key):
    return next(s.values for s in series if s.figure.key == key)


def plan(owner, couple, made, starts, cancelled=False):
    return Plan.objects.create(
        owner=owner,
        couple=couple,
        activity_id="a-001",
        created_at=made,
        starts_at=starts,
        cancelled_at=made if cancelled else None,
    )


def highlight(owner, couple, p, connection, when):
    Highlight.objects.create(
        owner=owner,
        couple=couple,
        visibility=Visibility.SEALED,
        plan=p,
        text="Lovely.",
        connection=connection,
        created_at=when,
    )


def test_plans_made_dates_had_and_own_connection(alice, bob, couple):
    first = plan(bob, couple, at(W1), at(W1 + timedelta(days=3)))  # made and had in week 1
    plan(alice, couple, at(W2), at(W2 + timedelta(days=5)))  # made in week 2, still ahead
    plan(alice, couple, at(W2), at(W2 + timedelta(days=1)), cancelled=True)  # left out
    earlier = plan(bob, couple, at(date(2026, 5, 1)), at(W2 + timedelta(days=1)))  # had in week 2
    highlight(alice, couple, first, 4, at(W2))
    highlight(bob, couple, first, 2, at(W2))
    highlight(alice, couple, earlier, 2, at(W2 + timedelta(days=1)))

    mine = TogetherInsights().figures(alice, WINDOWS)
    assert values(mine, "together.plans_made") == [1.0, 1.0]
    assert values(mine, "together.plans_done") == [1.0, 1.0]
    assert values(mine, "together.connection") == [4.0, 2.0]
    # Bob's rating is his own: Alice's 4 never reaches his line.
    assert values(TogetherInsights().figures(bob, WINDOWS), "together.connection") == [2.0, None]


def test_what_each_partner_tried_in_a_week(alice, bob, couple):
    for n in range(10):
        Swipe.objects.create(
            owner=alice,
            couple=couple,
            visibility=Visibility.PRIVATE,
            activity_id=f"a-{n + 1:03}",
            choice="yes",
            updated_at=at(W1),
        )
    for n in range(10, 19):  # nine are not ten
        Swipe.objects.create(
            owner=bob,
            couple=couple,
            visibility=Visibility.PRIVATE,
            activity_id=f"a-{n + 1:03}",
            choice="no",
            updated_at=at(W2),
        )
    plan(alice, couple, at(W2), at(W2 + timedelta(days=4)))
    highlight(bob, couple, plan(bob, couple, at(W1), at(W1)), 5, at(W2))
    contributor = TogetherInsights()
    assert contributor.tried(alice, WINDOWS[0]) == {"together.swipe"}
    assert contributor.tried(alice, WINDOWS[1]) == {"together.plan_match"}
    assert contributor.tried(bob, WINDOWS[0]) == {"together.plan_match"}
    assert contributor.tried(bob, WINDOWS[1]) == {"together.memory"}


def test_actions_lead_to_the_together_pages(alice, bob, couple, as_alice):
    actions = TogetherInsights().actions(alice)
    assert [a.label for a in actions][:2] == ["Plan one of your matches", "Swipe ten activities"]
    for action in actions:
        assert as_alice.get(action.url).status_code == 200, action.url
