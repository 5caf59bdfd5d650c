"""Pairing and leaving: the writes that change who can see what."""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from attunement.accounts.models import User, hash_token
from attunement.couples import access
from attunement.couples.models import Couple, Invitation, Membership
from attunement.lib import throttle
from attunement.lib.errors import DomainError
from attunement.notifications import emails

# Strategies that hold joint state a couple's end must close register a function here from
# their AppConfig.ready() (see attunement/listening/apps.py): couples sits below them.
_on_couple_ended: list[Callable[[Couple], object]] = []


def when_couple_ends(close: Callable[[Couple], object]) -> None:
    """Have `close(couple)` run inside the transaction that ends a couple."""
    if close not in _on_couple_ended:
        _on_couple_ended.append(close)


# Apps that keep something about a person without a foreign key to cascade (safety events),
# or that must note the deletion (the deletion ledger), register here from AppConfig.ready().
_on_account_deleted: list[Callable[[User], object]] = []


def when_account_deleted(forget: Callable[[User], object]) -> None:
    """Have `forget(user)` run inside the transaction that deletes an account, before it goes."""
    if forget not in _on_account_deleted:
        _on_account_deleted.append(forget)


class PairingError(DomainError):
    """A pairing that cannot happen; the message is safe to show to the person."""


ALREADY_PAIRED = "You are already paired with someone."
TOO_MANY_INVITATION_EMAILS = (
    "You've sent several invitation emails in the last hour. Copy the link below and send it "
    "yourself, or try the email again later."
)


def invitation_url(raw_token: str, base_url: str = "") -> str:
    """The link to send. `base_url` is the address the inviter is using (SITE_ROOT otherwise)."""
    return f"{(base_url or settings.SITE_ROOT).rstrip('/')}{_join_path(raw_token)}"


def _join_path(raw_token: str) -> str:
    return reverse("join", kwargs={"token": raw_token})


@transaction.atomic
def create_invitation(
    *, inviter: User, email: str = "", base_url: str = ""
) -> tuple[Invitation, str]:
    """Open a new pairing link (any earlier open link of this person is revoked)."""
    if access.current_couple(inviter) is not None:
        raise PairingError(ALREADY_PAIRED)
    # Each email goes to an address the inviter typed: a few an hour, so the app cannot be used
    # to send mail to strangers in bulk.
    if email and not throttle.allow(
        f"invitation-email:{inviter.pk}", limit=settings.INVITATION_EMAILS_PER_HOUR, seconds=3600
    ):
        raise PairingError(TOO_MANY_INVITATION_EMAILS)
    now = timezone.now()
    Invitation.objects.filter(
        inviter=inviter, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    raw = secrets.token_urlsafe(32)  # 256 bits
    invitation = Invitation.objects.create(inviter=inviter, token_hash=hash_token(raw))
    if email:
        emails.invitation(
            to=email, inviter_name=inviter.name, join_path=_join_path(raw), base_url=base_url
        )
    return invitation, raw


def open_invitation_of(inviter: User) -> Invitation | None:
    """The person's latest pairing link that still works, if any."""
    latest = (
        Invitation.objects.filter(
            inviter=inviter, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    return latest if latest and latest.is_open() else None


def find_open_invitation(raw_token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.filter(token_hash=hash_token(raw_token))
        .select_related("inviter")
        .first()
    )
    if invitation is None or not invitation.is_open():
        return None
    return invitation


def accept_invitation(*, raw_token: str, user: User) -> Couple:
    """Pair `user` with the inviter. Safe when two people accept the same link at once."""
    invitation = find_open_invitation(raw_token)
    if invitation is None:
        raise PairingError("This invitation link has expired or has already been used.")
    if invitation.inviter_id == user.pk:
        raise PairingError("This is your own invitation link: send it to your partner.")
    try:
        with transaction.atomic():
            now = timezone.now()
            # The conditional UPDATE claims the link exactly once, whoever comes second loses.
            claimed = Invitation.objects.filter(
                pk=invitation.pk,
                accepted_at__isnull=True,
                revoked_at__isnull=True,
                expires_at__gt=now,
            ).update(accepted_at=now, accepted_by=user)
            if claimed != 1:
                raise PairingError("This invitation link has expired or has already been used.")
            couple = Couple.objects.create()
            # The partial unique index refuses a second active couple for either person.
            Membership.objects.create(couple=couple, user=invitation.inviter)
            Membership.objects.create(couple=couple, user=user)
            # Any other link either of them had open dies now: it must not pair one of them
            # with someone else later, nor tell a third person the account is there.
            Invitation.objects.filter(
                inviter__in=[invitation.inviter_id, user.pk],
                accepted_at__isnull=True,
                revoked_at__isnull=True,
            ).update(revoked_at=now)
    except IntegrityError as exc:
        raise PairingError(
            "One of you is already paired with someone. Leave that couple first."
        ) from exc
    access.forget(user)
    return couple


@transaction.atomic
def leave_couple(*, user: User) -> None:
    """End the couple for both at once. Each keeps what they wrote; nobody is notified."""
    couple = access.current_couple(user)
    if couple is None:
        return
    now = timezone.now()
    Couple.objects.filter(pk=couple.pk, ended_at__isnull=True).update(ended_at=now)
    Membership.objects.filter(couple=couple, left_at__isnull=True).update(left_at=now)
    for close in _on_couple_ended:
        close(couple)
    access.forget(user)


@transaction.atomic
def revoke_invitation(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def delete_account(*, user: User) -> None:
    """Delete a person and everything they wrote, at once. The partner is not notified and
    keeps what they wrote themselves."""
    leave_couple(user=user)
    for forget in _on_account_deleted:
        forget(user)
    user.delete()
