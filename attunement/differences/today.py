"""Today's panel: take the reflection, guess the partner, or see the map. Not part of the day's
practice (no next step): a few queries whatever the history (compare.build and one more)."""

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.differences import compare
from attunement.differences.models import StyleTake
from attunement.lib.panels import Panel


def panel(request: SignedInRequest) -> Panel:
    user = request.user
    found = compare.build(user)
    draft = (
        found.state == "take"
        and access.own(user, StyleTake.objects.filter(completed_at__isnull=True)).exists()
    )
    context: dict[str, object] = {"state": found.state, "partner": found.partner, "draft": draft}
    return Panel("differences/_today.html", context)
