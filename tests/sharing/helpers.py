"""Small builders for sharing tests (plain functions, so the access matrix can use them too)."""

from datetime import timedelta

from attunement.accounts.models import User
from attunement.couples.models import Visibility
from attunement.sharing import services
from attunement.sharing.models import Answer, ServedQuestion

SECRET = "the lighthouse where I learned to swim"
OTHER = "a rainy bus stop in winter"


def today(user: User) -> ServedQuestion:
    return services.todays_question(user=user)


def answer(user: User, text: str = SECRET) -> Answer:
    return services.submit_answer(user=user, served=today(user), text=text)


def both_answer(a: User, b: User) -> ServedQuestion:
    answer(a, SECRET)
    answer(b, OTHER)
    served = today(a)
    served.refresh_from_db()
    assert served.revealed_at is not None
    return served


def past_question(user: User, days_ago: int = 3, question_id: str = "q-0002") -> ServedQuestion:
    from attunement.couples import access

    couple = access.current_couple(user)
    day = user.local_today() - timedelta(days=days_ago)
    if couple is not None:
        return ServedQuestion.objects.create(couple=couple, day=day, question_id=question_id)
    return ServedQuestion.objects.create(person=user, day=day, question_id=question_id)


def journal_entry(user: User, text: str = SECRET, days_ago: int = 5) -> Answer:
    """A private answer written while `user` was on their own."""
    served = ServedQuestion.objects.create(
        person=user, day=user.local_today() - timedelta(days=days_ago), question_id="q-0003"
    )
    return Answer.objects.create(
        served=served, owner=user, text=text, visibility=Visibility.PRIVATE
    )
