"""Today and History cost the same number of queries at one month and at two years."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from attunement.couples.models import Visibility
from attunement.support.history_fixture import fill_history
from attunement.support.models import CheckIn
from tests.builders import check_in
from tests.conftest import login, make_user, pair


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _world(days: int):
    alice, bob = make_user("a@example.com", "A"), make_user("b@example.com", "B")
    couple = pair(alice, bob)
    fill_history(alice, bob, couple, days)
    check_in(bob, couple=couple, energy=2, need="comfort", visibility=Visibility.SHARED)
    return login(alice)


def test_today_and_history_query_counts_do_not_grow_with_history(db):
    client = _world(30)
    month = {url: _queries(client, url) for url in ("/today/", "/checkin/history/")}
    CheckIn.objects.all().delete()
    from attunement.accounts.models import User

    User.objects.all().delete()
    client = _world(730)
    years = {url: _queries(client, url) for url in ("/today/", "/checkin/history/")}
    assert month == years
    # The exact figures of every page are asserted in tests/query_budget.py (access matrix).
    assert month["/checkin/history/"] <= 10, month
