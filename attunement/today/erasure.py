"""The deletion ledger: deleting an account leaves one non-identifying line, so that restoring
an older backup deletes that person again (see today/backup.py and `attunement restore`)."""

import hashlib
import hmac
from uuid import UUID

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import services as couples
from attunement.today.models import DeletionRecord


def subject_of(account: UUID) -> str:
    """A keyed hash of the account's random id: without the secret key it names nobody."""
    key = f"attunement-deletion:{settings.SECRET_KEY}".encode()
    return hmac.new(key, str(account).encode(), hashlib.sha256).hexdigest()


def record_deletion(user: User) -> None:
    """Registered with couples.services.when_account_deleted (today/apps.py)."""
    DeletionRecord.objects.get_or_create(
        subject=subject_of(user.uuid), defaults={"deleted_on": timezone.now().date()}
    )


def ledger() -> dict[str, str]:
    """{subject: day} of every recorded deletion (empty when the table does not exist yet)."""
    try:
        return {r.subject: r.deleted_on.isoformat() for r in DeletionRecord.objects.all()}
    except DatabaseError:
        return {}


@transaction.atomic
def reapply(entries: dict[str, str]) -> int:
    """After a restore: keep every ledger line, and delete again each restored account that
    was deleted (after the backup was taken). Returns how many accounts were deleted again."""
    from datetime import date

    for subject, day in entries.items():
        DeletionRecord.objects.get_or_create(
            subject=subject, defaults={"deleted_on": date.fromisoformat(day)}
        )
    wanted = set(entries) | set(DeletionRecord.objects.values_list("subject", flat=True))
    again = [u for u in User.objects.all() if subject_of(u.uuid) in wanted]
    for user in again:
        couples.delete_account(user=user)
    return len(again)
