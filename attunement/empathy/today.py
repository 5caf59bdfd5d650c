"""Today's panel: the one empathy thing waiting, if any: a guess to make, a reveal to see, a
story to write or rate. Three queries whatever the history."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.empathy.models import Disagreement, FeelingRound
from attunement.lib.panels import NextStep, Panel, Practice

RECENT = timedelta(days=2)


def panel(request: SignedInRequest) -> Panel | None:
    user = request.user
    if access.partner_of(user) is None:
        return None
    since = timezone.now() - RECENT
    to_guess = (
        access.feeling_rounds(user, FeelingRound.objects.filter(revealed_at__isnull=True))
        .exclude(owner=user)
        .select_related("owner")
        .order_by("-created_at")
        .first()
    )
    if to_guess is not None:
        step = NextStep(
            f"Guess how {to_guess.owner.name} feels",
            reverse("empathy_round", kwargs={"uuid": to_guess.uuid}),
            "Their feelings stay sealed until you guess.",
            practice=Practice.GUESS_FEELINGS,
        )
        return Panel("empathy/_today.html", {"waiting": "guess", "item": to_guess}, step)
    revealed = (
        access.own(user, FeelingRound.objects.filter(revealed_at__gte=since))
        .order_by("-revealed_at")
        .first()
    )
    if revealed is not None:
        return Panel("empathy/_today.html", {"waiting": "reveal", "item": revealed})
    story = (
        access.visible(user, Disagreement.objects.filter(ratings_revealed_at__isnull=True))
        .order_by("-created_at")
        .first()
    )
    if story is not None:
        return Panel("empathy/_today.html", {"waiting": "story", "item": story})
    return Panel("empathy/_today.html", {"waiting": ""})
