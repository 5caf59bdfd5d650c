"""The Today prompt to take the private safety check: once per couple, for the person only.

It shows while a paired person has neither answered nor said "not now" in their current couple.
Their partner's Today never changes because of it. No query of its own: whether the person has
answered comes in Today's one query (asks), and the couple lookup is shared with every panel.
"""

from django.db.models import Exists

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.panels import Asked, Asks, Panel
from attunement.safety import services


def asks(user: User) -> Asks:
    if access.partner_of(user) is None:
        return {}
    return {"safety_screened": Exists(services.screens_in_current_couple(user))}


def panel(request: SignedInRequest, asked: Asked) -> Panel | None:
    partner = access.partner_of(request.user)
    if partner is None or asked["safety_screened"]:
        return None
    return Panel("safety/_today.html", {"partner": partner})
