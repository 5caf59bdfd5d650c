"""Today and History cost the same number of queries with 2 or 60 days of history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attunement import content
from attunement.couples.models import Visibility
from attunement.sharing.models import Answer, Reaction, ServedQuestion
from tests.sharing.helpers import answer

IDS = [q["id"] for q in content.load("questions")]


def add_history(alice, bob, couple, days: int, start: int = 1) -> None:
    now = timezone.now()
    served = ServedQuestion.objects.bulk_create(
        ServedQuestion(
            couple=couple,
            day=alice.local_today() - timedelta(days=d),
            question_id=IDS[d],
            revealed_at=now,
        )
        for d in range(start, start + days)
    )
    answers = Answer.objects.bulk_create(
        Answer(
            served=s,
            owner=person,
            couple=couple,
            visibility=Visibility.SEALED,
            revealed_at=now,
            text=f"answer {s.pk} {person.name}",
            favourite=bool(s.pk % 2),
        )
        for s in served
        for person in (alice, bob)
    )
    Reaction.objects.bulk_create(
        Reaction(
            answer=a,
            owner=bob if a.owner_id == alice.pk else alice,
            couple=couple,
            visibility=Visibility.SHARED,
            kind="moved",
            reply="thank you",
        )
        for a in answers
    )


def count(client, url: str) -> int:
    client.get(url)  # serve today's question first: that happens once a day
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/today/", "/questions/history/", "/questions/", "/api/v1/sharing/history"]
)
def test_query_count_stays_constant_as_history_grows(
    url, alice, bob, couple, as_alice, django_assert_num_queries
):
    add_history(alice, bob, couple, 2)
    answer(alice)
    small = count(as_alice, url)
    add_history(alice, bob, couple, 60, start=3)
    print(f"{url}: {small} queries")
    with django_assert_num_queries(small):
        assert as_alice.get(url).status_code == 200


def test_today_panel_adds_a_constant_small_number_of_queries(alice, bob, couple, as_alice):
    from attunement.sharing import today as sharing_today
    from attunement.today import panels as today_panels

    as_alice.get("/today/")
    with CaptureQueriesContext(connection) as with_panel:
        as_alice.get("/today/")
    original = list(today_panels.PARTS)
    today_panels.PARTS[:] = [p for p in original if p.panel is not sharing_today.panel]
    try:
        with CaptureQueriesContext(connection) as without:
            as_alice.get("/today/")
    finally:
        today_panels.PARTS[:] = original
    added = len(with_panel.captured_queries) - len(without.captured_queries)
    print(f"sharing panel adds {added} queries")
    assert added <= 3
