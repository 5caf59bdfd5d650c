"""The Today prompt to take the private safety check: once per couple, for the person only.

It shows while a paired person has neither answered nor said "not now" in their current couple.
Their partner's Today never changes because of it. Two queries at most (the couple lookup is
shared with the other panels).
"""

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.panels import Panel
from attunement.safety import services


def panel(request: SignedInRequest) -> Panel | None:
    user = request.user
    partner = access.partner_of(user)
    if partner is None or services.has_screen_in_current_couple(user):
        return None
    return Panel("safety/_today.html", {"partner": partner})
