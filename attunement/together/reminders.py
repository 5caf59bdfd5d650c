"""Plan reminders: the day before and an hour before, by email, through the worker.

Each reminder is a column holding when it falls due (`Plan.day_before_at`, `hour_before_at`).
A worker claims one by clearing it with a conditional UPDATE that only succeeds while the
column still holds the value it read and the plan is not cancelled, so any number of workers
send each reminder once, and a cancelled plan is never reminded. Emails say only that a plan
is coming up, unless the person chose to have the activity and the time in them; the place and
note, which people wrote, never go in an email.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples.models import Membership
from attunement.notifications import emails
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
        details = ""
        if mine is not None and mine.reminder_details:
            details = f"{plan.text}, {format_when(plan.starts_at, person)}"
        emails.plan_reminder(to=person.email, soon=soon, plan_path=path, activity_and_time=details)
        count += 1
    return count
