"""Today's panel: take the reflection, guess the partner, or see the map. Not part of the day's
practice (no next step). One query, two once the person has a profile and a partner, whatever
the history."""

from django.db.models import Count, Q

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.differences.models import StyleGuess, StyleTake
from attunement.lib.panels import Panel


def panel(request: SignedInRequest) -> Panel:
    user = request.user
    partner = access.partner_of(user)
    takes = access.own(user, StyleTake.objects).aggregate(
        done=Count("pk", filter=Q(completed_at__isnull=False)),
        draft=Count("pk", filter=Q(completed_at__isnull=True)),
    )
    if not takes["done"]:
        state = "take"
    elif partner is None:
        state = "solo"
    else:
        guess = (
            access.own(user, StyleGuess.objects.filter(couple=access.current_couple(user)))
            .only("revealed_at")
            .first()
        )
        state = "guess" if guess is None else "waiting" if guess.revealed_at is None else "ready"
    context: dict[str, object] = {"state": state, "partner": partner, "draft": takes["draft"] > 0}
    return Panel("differences/_today.html", context)
