"""Every empathy page costs the same number of queries with a little history and with a lot."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from attunement.couples.models import Visibility
from attunement.empathy import quiz, services
from attunement.empathy.models import (
    Disagreement,
    EntryKind,
    FeelingGuess,
    FeelingRound,
    QuizEntry,
    QuizRound,
)
from tests.conftest import login, make_user, pair


def _fill(alice, bob, couple, n: int) -> None:
    now = timezone.now()
    for k in range(n):
        at = now - timedelta(days=n - k)
        feeler, guesser = (alice, bob) if k % 2 else (bob, alice)
        r = FeelingRound.objects.create(
            owner=feeler,
            couple=couple,
            visibility=Visibility.SEALED,
            feelings=["calm"],
            intensity=2,
            because="x",
            created_at=at,
            revealed_at=at,
        )
        FeelingGuess.objects.create(
            owner=guesser,
            couple=couple,
            visibility=Visibility.SEALED,
            round=r,
            feelings=["tired"],
            intensity=2,
            accuracy=0.5,
            created_at=at,
            revealed_at=at,
        )
        q = QuizRound.objects.create(
            couple=couple,
            subject=feeler,
            item_id=f"pq-{k % 150 + 1:03d}",
            created_at=at,
            revealed_at=at,
            match=1.0,
        )
        for owner, kind in ((feeler, EntryKind.ANSWER), (guesser, EntryKind.GUESS)):
            QuizEntry.objects.create(
                round=q,
                owner=owner,
                couple=couple,
                kind=kind,
                visibility=Visibility.SEALED,
                value='"x"',
                revealed_at=at,
            )
        Disagreement.objects.create(
            owner=feeler, couple=couple, visibility=Visibility.SHARED, topic="t", created_at=at
        )
    quiz.save_self_answer(user=alice, item_id="pq-002", value="soup")
    services.start_round(user=bob, feelings=["anxious"], intensity=3)
    from tests.safety.conftest import take_screen

    take_screen(alice, at_risk=False)  # perspective-taking opens once both took the check
    take_screen(bob, at_risk=False)
    d = services.start_disagreement(user=alice, topic="the latest")
    services.write_story(user=alice, disagreement=d, text="You felt tired.")


def _counts(n: int, suffix: str) -> dict[str, int]:
    alice = make_user(f"a{suffix}@example.com", "A")
    bob = make_user(f"b{suffix}@example.com", "B")
    couple = pair(alice, bob)
    _fill(alice, bob, couple, n)
    client = login(alice)
    latest = FeelingRound.objects.filter(owner=bob, revealed_at__isnull=True).get()
    d = Disagreement.objects.filter(couple=couple).order_by("-created_at").first()
    client.get("/empathy/quiz/")  # serves the first questions (a write, once)
    urls = [
        "/today/",
        "/empathy/",
        "/empathy/accuracy/",
        "/empathy/quiz/",
        "/empathy/about-me/",
        "/empathy/words/",
        "/empathy/perspective/",
        f"/empathy/rounds/{latest.uuid}/",
        f"/empathy/perspective/{d.uuid}/",
        "/api/v1/empathy/rounds",
        "/api/v1/empathy/quiz",
        "/api/v1/empathy/disagreements",
    ]
    counts = {}
    for url in urls:
        key = url.replace(str(latest.uuid), "R").replace(str(d.uuid), "D")
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        counts[key] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db
def test_empathy_pages_cost_the_same_with_five_or_sixty_days_of_history():
    few, many = _counts(5, "1"), _counts(60, "2")
    assert few == many
    assert max(few.values()) <= 25, few
