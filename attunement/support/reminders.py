"""The daily check-in reminder kind: offered to notifications, sent only to people who have
not checked in yet on their own local today."""

from datetime import datetime

from attunement.accounts.models import User
from attunement.notifications.reminders import DAILY, ReminderKind, offer
from attunement.support.models import CheckIn


def not_checked_in(people: list[User], now: datetime) -> set[int]:
    """Ids of `people` with no check-in for their own local today. One query."""
    days = {p.pk: p.local_today(now) for p in people}
    done = set(
        CheckIn.objects.filter(owner__in=people, local_date__in=set(days.values())).values_list(
            "owner_id", "local_date"
        )
    )
    return {pk for pk, day in days.items() if (pk, day) not in done}


def offer_check_in_reminder() -> None:
    offer(
        ReminderKind(
            key="check_in",
            label="Daily check-in",
            cadence=DAILY,
            url_name="check_in",
            waiting=not_checked_in,
            default_hour=9,
        )
    )
