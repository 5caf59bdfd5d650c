"""The daily-question reminder kind: offered to notifications, sent only to people who have
not yet answered (or skipped) their question of the day."""

from datetime import datetime

from attunement.accounts.models import User
from attunement.notifications.reminders import DAILY, ReminderKind, offer
from attunement.sharing.models import Answer


def still_to_answer(people: list[User], now: datetime) -> set[int]:
    """Ids of `people` with no answer or skip for their own local today. One query."""
    days = {p.pk: p.local_today(now) for p in people}
    done = set(
        Answer.objects.filter(owner__in=people, served__day__in=set(days.values())).values_list(
            "owner_id", "served__day"
        )
    )
    return {pk for pk, day in days.items() if (pk, day) not in done}


def offer_daily_question_reminder() -> None:
    offer(
        ReminderKind(
            key="daily_question",
            label="Today's question",
            cadence=DAILY,
            url_name="sharing_today",
            waiting=still_to_answer,
            default_hour=19,
        )
    )
