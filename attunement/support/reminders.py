"""Daily check-in reminders: content-free emails at each person's own chosen hour."""

from datetime import datetime

from django.db import transaction
from django.urls import reverse

from attunement.accounts.models import User
from attunement.notifications import emails
from attunement.support.services import has_checked_in

BATCH = 100


def send_due_reminders(now: datetime) -> int:
    """Send every due reminder once, even with several workers running."""
    sent = 0
    due = list(
        User.objects.filter(
            reminders_enabled=True, is_active=True, next_reminder_at__lte=now
        ).order_by("next_reminder_at")[:BATCH]
    )
    for user in due:
        following = user.next_reminder_at_after(now)
        with transaction.atomic():
            # Claim: only the worker whose UPDATE still sees the old value sends.
            claimed = User.objects.filter(
                pk=user.pk, next_reminder_at=user.next_reminder_at
            ).update(next_reminder_at=following)
        if not claimed or has_checked_in(user=user, day=user.local_today(now)):
            continue
        emails.check_in_reminder(to=user.email, check_in_path=reverse("check_in"))
        sent += 1
    return sent
