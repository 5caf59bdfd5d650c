"""Today's panel: the next plan, a memory to write, and new matches. A constant number of
queries whatever the history: none of its own, as the two plans' few columns and the count of
new matches come in Today's one query (asks), as does whether the partner cancelled a plan
this week (whose rows cost a query only then)."""

from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.panels import Asked, Asks, NextStep, Panel, Practice, first_row, row_of
from attunement.together import reading
from attunement.together.models import Plan

SHOWN = ("uuid", "activity_id", "starts_at")


def asks(user: User) -> Asks:
    if access.partner_of(user) is None:
        return {}
    return (
        first_row("together_next", reading.upcoming(user, bare=True), *SHOWN)
        | first_row("together_write", reading.to_write(user, bare=True), *SHOWN)
        | {
            "together_new": reading.count_of_new_matches(user),
            "together_cancelled": reading.any_cancelled_by_partner(user),
        }
    )


def panel(request: SignedInRequest, asked: Asked) -> Panel | None:
    user = request.user
    if access.partner_of(user) is None:
        return None
    next_plan = row_of(asked, "together_next", Plan)
    to_write = row_of(asked, "together_write", Plan)
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
        "new_matches": asked["together_new"] or 0,
        # The rows only in the week after the partner cancelled one: a query of their own then.
        "cancelled": reading.cancelled_by_partner(user) if asked["together_cancelled"] else [],
    }
    return Panel("together/_today.html", context, step)
