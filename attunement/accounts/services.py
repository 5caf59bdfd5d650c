from django.db import transaction

from attunement.accounts.models import User
from attunement.couples.services import leave_couple


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Delete a person and everything they wrote, at once. The partner is not notified and
    keeps what they wrote themselves."""
    leave_couple(user=user)
    user.delete()
