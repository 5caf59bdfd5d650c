"""Today's panel: take the reflection, guess the partner, or see the map. Not part of the day's
practice (no next step). No query of its own, whatever the history: what it shows comes in
Today's one query (asks)."""

from django.db.models import Exists

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.differences.models import StyleGuess, StyleTake
from attunement.lib.panels import Asked, Asks, Panel, first_row, row_of


def asks(user: User) -> Asks:
    takes = access.own(user, StyleTake.objects)
    found: Asks = {
        "differences_done": Exists(takes.filter(completed_at__isnull=False)),
        "differences_draft": Exists(takes.filter(completed_at__isnull=True)),
    }
    couple = access.current_couple(user)
    if couple is not None:
        guesses = access.own(user, StyleGuess.objects.filter(couple=couple)).order_by("pk")
        found |= first_row("differences_guess", guesses, "pk", "revealed_at")
    return found


def panel(request: SignedInRequest, asked: Asked) -> Panel:
    partner = access.partner_of(request.user)
    if not asked["differences_done"]:
        state = "take"
    elif partner is None:
        state = "solo"
    else:
        guess = row_of(asked, "differences_guess", StyleGuess)
        state = "guess" if guess is None else "waiting" if guess.revealed_at is None else "ready"
    context: dict[str, object] = {
        "state": state,
        "partner": partner,
        "draft": asked["differences_draft"],
    }
    return Panel("differences/_today.html", context)
