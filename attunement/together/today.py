"""Today's panel: the next plan, a memory to write, and new matches. A constant number of
queries whatever the history."""

from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.panels import NextStep, Panel, Practice
from attunement.together import reading


def panel(request: SignedInRequest) -> Panel | None:
    user = request.user
    if access.partner_of(user) is None:
        return None
    next_plan = reading.upcoming(user).first()
    to_write = reading.to_write(user).first()
    new = reading.new_matches(reading.matches(user))
    step = None
    if to_write is not None:
        step = NextStep(
            f"Write about “{to_write.text}”",
            reverse("together_plan", args=[to_write.uuid]),
            "A line about your favourite moment, sealed until you have both written.",
            practice=Practice.TIME_TOGETHER,
        )
    context: dict[str, object] = {
        "next": next_plan,
        "next_when": next_plan.when_for(user) if next_plan else "",
        "to_write": to_write,
        "new_matches": len(new),
        "cancelled": reading.cancelled_by_partner(user),
    }
    return Panel("together/_today.html", context, step)
