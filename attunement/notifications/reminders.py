"""Daily check-in reminders: content-free emails at each person's own chosen hour."""

from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from attunement.accounts.models import User
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
        send_mail(
            f"{settings.SITE_NAME}: a moment to check in",
            "Hello,\n\nThis is your gentle daily reminder to check in. It takes under a minute:\n"
            f"{settings.SITE_ROOT.rstrip('/')}/checkin/\n\n"
            "You can change or turn off reminders in your settings.",
            None,
            [user.email],
        )
        sent += 1
    return sent
