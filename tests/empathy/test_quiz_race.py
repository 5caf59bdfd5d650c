"""Both partners opening the quiz at the same instant get the same questions, not two each."""

import threading
import time
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from attunement.empathy import quiz
from attunement.empathy.models import QuizRound
from tests.conftest import make_user, pair


def _at_once(calls: list[Callable[[], list[QuizRound]]]) -> list[list[str]]:
    """Run the calls in threads released together; each returns the uuids it was served."""
    barrier = threading.Barrier(len(calls))
    served: list[list[str]] = [[] for _ in calls]
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            served[n] = sorted(str(r.uuid) for r in calls[n]())
        except BaseException as exc:  # reported below, so a failure is not silent
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return served


@pytest.fixture
def slow_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the gap between "is there a round yet?" and creating it, as a busy server would."""
    choose = quiz.choose_item

    def slowly(**kwargs: object) -> str:
        time.sleep(0.2)
        return choose(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(quiz, "choose_item", slowly)


@pytest.mark.django_db(transaction=True)
def test_partners_opening_the_quiz_at_once_get_one_question_about_each(slow_choice) -> None:
    alice = make_user("alice@example.com", "Alice")
    bob = make_user("bob@example.com", "Bob")
    pair(alice, bob)
    alices, bobs = _at_once(
        [lambda: quiz.open_rounds(user=alice), lambda: quiz.open_rounds(user=bob)]
    )
    assert QuizRound.objects.filter(subject=alice).count() == 1
    assert QuizRound.objects.filter(subject=bob).count() == 1
    assert alices == bobs  # both see the same two questions

    # Both finished them and both ask for the next question at once: one new one each.
    QuizRound.objects.update(revealed_at=timezone.now())
    alices, bobs = _at_once(
        [lambda: quiz.next_rounds(user=alice), lambda: quiz.next_rounds(user=bob)]
    )
    assert QuizRound.objects.filter(subject=alice).count() == 2
    assert QuizRound.objects.filter(subject=bob).count() == 2
    assert alices == bobs
    assert QuizRound.objects.filter(revealed_at__isnull=True).count() == 2
