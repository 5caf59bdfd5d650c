"""Writes of the support strategy: check-ins, turning toward, appreciations."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.support.models import Appreciation, CheckIn, Response


class SupportError(Exception):
    """Something a person tried that cannot happen; the message is safe to show."""


@transaction.atomic
def save_check_in(
    *,
    user: User,
    feelings: list[str],
    intensity: int,
    energy: int,
    need: str,
    note: str,
    visibility: str,
) -> CheckIn:
    """Create today's check-in, or update it: one per person per local day."""
    today = user.local_today()
    couple = access.current_couple(user)
    check_in, created = CheckIn.objects.select_for_update().get_or_create(
        owner=user,
        local_date=today,
        defaults=dict(
            couple=couple,
            feelings=feelings,
            intensity=intensity,
            energy=energy,
            need=need,
            note=note,
            visibility=visibility,
        ),
    )
    if not created:
        check_in.feelings, check_in.intensity, check_in.energy = feelings, intensity, energy
        check_in.need, check_in.note, check_in.visibility = need, note, visibility
        check_in.couple = check_in.couple or couple
        check_in.save(
            update_fields=[
                "feelings",
                "intensity",
                "energy",
                "need",
                "note",
                "visibility",
                "couple",
                "updated_at",
            ]
        )
    return check_in


@transaction.atomic
def respond_to_check_in(*, user: User, check_in: CheckIn, quick: str, message: str) -> Response:
    """The partner turns toward a shared check-in. Records when it was first turned toward."""
    if check_in.owner_id == user.pk:
        raise SupportError("This is your own check-in.")
    response = Response.objects.create(
        owner=user,
        couple=check_in.couple,
        visibility=Visibility.SHARED,
        check_in=check_in,
        quick=quick,
        message=message.strip(),
    )
    CheckIn.objects.filter(pk=check_in.pk, turned_toward_at__isnull=True).update(
        turned_toward_at=response.created_at
    )
    return response


def send_appreciation(*, user: User, text: str) -> Appreciation:
    partner = access.partner_of(user)
    if partner is None:
        raise SupportError("Appreciations go to your partner: invite them first.")
    return Appreciation.objects.create(
        owner=user,
        recipient=partner,
        couple=access.current_couple(user),
        visibility=Visibility.SHARED,
        text=text,
        created_at=timezone.now(),
    )


def has_checked_in(*, user: User, day: date) -> bool:
    return CheckIn.objects.filter(owner=user, local_date=day).exists()
