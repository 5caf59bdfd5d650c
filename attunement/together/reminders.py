"""Plan reminders: the day before and an hour before, through the worker: by email, or as a
notification on the person's devices when they chose that on their reminders page.

Each reminder is a column holding when it falls due (`Plan.day_before_at`, `hour_before_at`).
A worker claims one by clearing it with a conditional UPDATE that only succeeds while the
column still holds the value it read and the plan is not cancelled, so any number of workers
send each reminder once, and a cancelled plan is never reminded. Emails say only that a plan
is coming up, unless the person chose to have the activity and the time in them; the place and
note, which people wrote, never go in an email. A notification carries fixed words only
("Time together tomorrow"), whatever the person opted into.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples.models import Membership
from attunement.notifications import emails, push
from attunement.notifications.models import Delivery
from attunement.together.models import Plan, Preferences, format_when

BATCH = 100
COLUMNS = {"day_before_at": "tomorrow", "hour_before_at": "in an hour"}


def send_due_plan_reminders(now: datetime) -> int:
    """Send every due plan reminder once, even with several workers running."""
    sent = 0
    for column, soon in COLUMNS.items():
        due = list(
            Plan.objects.filter(
                **{f"{column}__lte": now},
                cancelled_at__isnull=True,
                couple__ended_at__isnull=True,
            ).order_by(column)[:BATCH]
        )
        for plan in due:
            with transaction.atomic():
                claimed = Plan.objects.filter(
                    Q(**{column: getattr(plan, column)}),
                    pk=plan.pk,
                    cancelled_at__isnull=True,
                ).update(**{column: None})
                if claimed != 1 or plan.starts_at <= now:
                    continue
                sent += _remind(plan, soon)
    return sent


def _remind(plan: Plan, soon: str) -> int:
    if plan.couple_id is None:
        return 0
    people = User.objects.filter(
        pk__in=Membership.objects.filter(couple_id=plan.couple_id, left_at__isnull=True).values(
            "user_id"
        ),
        is_active=True,
    )
    prefs = {p.user_id: p for p in Preferences.objects.filter(user__in=people)}
    count = 0
    path = reverse("together_plan", args=[plan.uuid])
    for person in people:
        mine = prefs.get(person.pk)
        if mine is not None and not mine.reminders:
            continue
        if _pushed(person, soon, path):
            count += 1
            continue
        details = ""
        if mine is not None and mine.reminder_details:
            details = f"{plan.text}, {format_when(plan.starts_at, person)}"
        emails.plan_reminder(to=person.email, soon=soon, plan_path=path, activity_and_time=details)
        count += 1
    return count


def _pushed(person: User, soon: str, path: str) -> bool:
    """Send the notification where the person chose notifications; True when that is all they
    wanted and it reached a device. Otherwise (email, both, no device left, or the push service
    failing) the email goes too: a plan reminder is claimed once and never retried, so it must
    not be dropped."""
    channel = push.channel_of(person)
    if channel == Delivery.Channel.EMAIL or not push.configured():
        return False
    message = push.Message(
        title=settings.SITE_NAME, body=f"Time together {soon}", url=path, tag="plan"
    )
    try:
        delivered = push.send(list(person.push_subscriptions.all()), message)
    except push.PushFailed:
        return False
    return delivered and channel == Delivery.Channel.PUSH
