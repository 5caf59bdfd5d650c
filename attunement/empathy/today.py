"""Today's panel: the one empathy thing waiting, if any: a guess to make, a reveal to see, a
story to write or rate. No query of its own, whatever the history: the few columns it shows
come in Today's one query (asks)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.empathy.models import Disagreement, FeelingRound
from attunement.lib.panels import Asked, Asks, NextStep, Panel, Practice, first_row, row_of

RECENT = timedelta(days=2)


def asks(user: User) -> Asks:
    if access.partner_of(user) is None:
        return {}
    since = timezone.now() - RECENT
    # The partner's sealed rounds in the current couple (feeling_rounds opens them to guess).
    to_guess = (
        access.feeling_rounds(user, FeelingRound.objects.filter(revealed_at__isnull=True))
        .exclude(owner=user)
        .order_by("-created_at")
    )
    revealed = access.own(user, FeelingRound.objects.filter(revealed_at__gte=since)).order_by(
        "-revealed_at"
    )
    story = access.visible(
        user, Disagreement.objects.filter(ratings_revealed_at__isnull=True)
    ).order_by("-created_at")
    return (
        first_row("empathy_guess", to_guess, "uuid")
        | first_row("empathy_reveal", revealed, "uuid")
        | first_row("empathy_story", story, "uuid", "topic")
    )


def panel(request: SignedInRequest, asked: Asked) -> Panel | None:
    partner = access.partner_of(request.user)
    if partner is None:
        return None
    item = row_of(asked, "empathy_guess", FeelingRound)
    if item is not None:
        # A round to guess is the current partner's, written in the current couple.
        item.owner = partner
        step = NextStep(
            f"Guess how {partner.name} feels",
            reverse("empathy_round", kwargs={"uuid": item.uuid}),
            "Their feelings stay sealed until you guess.",
            practice=Practice.GUESS_FEELINGS,
        )
        return Panel("empathy/_today.html", {"waiting": "guess", "item": item}, step)
    revealed = row_of(asked, "empathy_reveal", FeelingRound)
    if revealed is not None:
        return Panel("empathy/_today.html", {"waiting": "reveal", "item": revealed})
    story = row_of(asked, "empathy_story", Disagreement)
    if story is not None:
        return Panel("empathy/_today.html", {"waiting": "story", "item": story})
    return Panel("empathy/_today.html", {"waiting": ""})
