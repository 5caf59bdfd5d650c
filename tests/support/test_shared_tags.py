"""'Shared' only where someone can read it: never on a check-in written alone or before leaving."""

from attunement.couples.models import Visibility
from attunement.couples.services import leave_couple
from tests.builders import check_in
from tests.conftest import login, pair


def _tags(client, url: str) -> list[str]:
    html = client.get(url).content.decode()
    return [t for t in ("Shared with Bob", "Just for you") if t in html]


def test_a_shared_check_in_written_alone_says_just_for_you(alice):
    check_in(alice, visibility=Visibility.SHARED, couple=None)
    client = login(alice)
    assert _tags(client, "/checkin/history/") == ["Just for you"]
    assert _tags(client, "/today/") == ["Just for you"]


def test_a_shared_check_in_says_who_sees_it_and_not_after_leaving(alice, bob):
    couple = pair(alice, bob)
    check_in(alice, visibility=Visibility.SHARED, couple=couple)
    assert _tags(login(alice), "/checkin/history/") == ["Shared with Bob"]
    assert _tags(login(alice), "/today/") == ["Shared with Bob"]
    leave_couple(user=alice)
    assert _tags(login(alice), "/checkin/history/") == ["Just for you"]
    assert _tags(login(alice), "/today/") == ["Just for you"]
