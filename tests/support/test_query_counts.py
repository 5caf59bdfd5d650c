"""Today and History cost the same number of queries at one month and at two years."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.couples.models import Visibility
from attunement.support.history_fixture import fill_history
from attunement.support.models import CheckIn, Response
from tests.builders import appreciation, check_in
from tests.conftest import login, make_user, pair

# Session, person, couple and partner, every strategy's questions in one query, the check-ins
# Today shows (5); then, only when there are some to show, their
# responses and the appreciations received, and the partner's style profile on a hard day
# (this world has all three: the most Today ever costs).
TODAY_AT_MOST = 8


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _world(days: int):
    alice, bob = make_user("a@example.com", "A"), make_user("b@example.com", "B")
    couple = pair(alice, bob)
    fill_history(alice, bob, couple, days)
    check_in(bob, couple=couple, energy=2, need="comfort", visibility=Visibility.SHARED)
    # Everything Today can show at once: her own check-in with his response, an appreciation.
    mine = check_in(alice, couple=couple, visibility=Visibility.SHARED)
    Response.objects.create(
        owner=bob, couple=couple, check_in=mine, quick="hug", visibility=Visibility.SHARED
    )
    appreciation(bob, alice, couple=couple, visibility=Visibility.SHARED)
    return login(alice)


def _counts(client) -> dict[str, int]:
    client.get("/today/")  # the first look of the day serves the day's question
    return {url: _queries(client, url) for url in ("/today/", "/checkin/history/")}


def test_today_and_history_query_counts_do_not_grow_with_history(db):
    month = _counts(_world(1))
    CheckIn.objects.all().delete()
    from attunement.accounts.models import User

    User.objects.all().delete()
    years = _counts(_world(730))
    assert month == years
    # The exact figures of every page are asserted in tests/query_budget.py (access matrix).
    assert month["/today/"] <= TODAY_AT_MOST, month
    assert month["/checkin/history/"] <= 10, month


def test_today_shows_what_it_fetched_only_when_asked(db):
    """The responses and appreciations Today fetches only when there are some still show."""
    client = _world(1)
    page = client.get("/today/").content.decode()
    assert "Appreciations for you" in page
    assert "— B" in page  # his response under her check-in
