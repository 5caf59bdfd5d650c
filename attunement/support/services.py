"""Writes of the support strategy: check-ins, turning toward, appreciations.

Each service owns every rule of its write (choices, blank text, who may write it) and screens
the free text it saves (attunement.safety.screening), so no caller can skip either.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.safety import screening
from attunement.support import feelings as feeling_choices
from attunement.support.models import (
    MAX_FEELINGS,
    Appreciation,
    CheckIn,
    CheckInVisibility,
    Response,
)
from attunement.support.needs import Need, QuickResponse

NO_PARTNER = "Appreciations go to your partner: invite them first."
EMPTY_RESPONSE = "Choose a quick response or write a few words."


class SupportError(DomainError):
    """A support write that cannot happen; the message is safe to show."""


def _check_choices(
    feelings: list[str], intensity: int, energy: int, need: str, visibility: str
) -> None:
    if not feelings or len(feelings) > MAX_FEELINGS:
        raise InvalidInput("Pick one to five feelings, the ones that stand out most.")
    if any(f not in feeling_choices.BY_ID for f in feelings):
        raise InvalidInput("Pick feelings from the list.")
    if not (1 <= intensity <= 5 and 1 <= energy <= 5):
        raise InvalidInput("Intensity and energy run from 1 to 5.")
    if need not in Need.values:
        raise InvalidInput("Choose what you need today from the list.")
    if visibility not in CheckInVisibility.values:
        raise InvalidInput("A check-in is shared with your partner or kept just for you.")


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
    """Create today's check-in, or update it: one per person per local day. The note is
    optional and screened."""
    feelings = list(dict.fromkeys(str(f) for f in feelings))
    need, visibility = str(need), str(visibility)
    _check_choices(feelings, intensity, energy, need, visibility)
    note = note.strip()
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
    screening.screen(user=user, text=note, where="support.check_in")
    return check_in


@transaction.atomic
def respond_to_check_in(*, user: User, check_in: CheckIn, quick: str, message: str) -> Response:
    """The partner turns toward a check-in they may read (load it through the gate) with a
    quick response, a few words, or both. Records when it was first turned toward."""
    if check_in.owner_id == user.pk:
        raise SupportError("This is your own check-in.")
    quick, message = quick or "", (message or "").strip()
    if quick and quick not in QuickResponse.values:
        raise InvalidInput("Choose one of the quick responses.")
    if not quick:
        message = require_text(message, EMPTY_RESPONSE)
    response = Response.objects.create(
        owner=user,
        couple=check_in.couple,
        visibility=Visibility.SHARED,
        check_in=check_in,
        quick=quick,
        message=message,
    )
    CheckIn.objects.filter(pk=check_in.pk, turned_toward_at__isnull=True).update(
        turned_toward_at=response.created_at
    )
    screening.screen(user=user, text=message, where="support.response")
    return response


@transaction.atomic
def send_appreciation(*, user: User, text: str) -> Appreciation:
    """A few words for the partner; refused without a partner. The text is screened."""
    text = require_text(text)
    partner = access.partner_of(user)
    if partner is None:
        raise SupportError(NO_PARTNER)
    appreciation = Appreciation.objects.create(
        owner=user,
        recipient=partner,
        couple=access.current_couple(user),
        visibility=Visibility.SHARED,
        text=text,
        created_at=timezone.now(),
    )
    screening.screen(user=user, text=text, where="support.appreciation")
    return appreciation


def has_checked_in(*, user: User, day: date) -> bool:
    return CheckIn.objects.filter(owner=user, local_date=day).exists()
