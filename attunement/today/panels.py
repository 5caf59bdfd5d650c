"""Today: each strategy contributes a part, and the first open step becomes "next step".

A part (attunement.lib.panels.Part) names what it asks (SQL expressions: is something
waiting, the few columns it shows) and builds its panel from the answers, or returns None
when it has nothing to show today. Today answers every part's questions in ONE query over the
person's own row, so a strategy added later costs no extra round trip for what it asks. A new
strategy adds its part to PARTS.
"""

from typing import Any

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.differences import today as differences_today
from attunement.empathy import today as empathy_today
from attunement.insights import today as insights_today
from attunement.lib.panels import Panel, Part
from attunement.listening import today as listening_today
from attunement.safety import today as safety_today
from attunement.sharing import today as sharing_today
from attunement.support import today as support_today
from attunement.together import today as together_today

PARTS: list[Part] = [
    Part(support_today.panel, support_today.asks),
    Part(listening_today.panel, listening_today.asks),
    Part(sharing_today.panel, sharing_today.asks),
    Part(differences_today.panel, differences_today.asks),
    Part(empathy_today.panel, empathy_today.asks),
    Part(together_today.panel, together_today.asks),
    Part(safety_today.panel, safety_today.asks),
    Part(insights_today.panel, insights_today.asks),
]


def ask(user: User, parts: list[Part]) -> dict[str, Any]:
    """Every part's questions answered in one query (none when nobody asks anything)."""
    asks: dict[str, Any] = {}
    for part in parts:
        for name, expression in part.asks(user).items():
            assert name not in asks, f"two Today parts ask for {name!r}"
            asks[name] = expression
    if not asks:
        return {}
    # A plain dict: the names are the parts' own, not the person's columns.
    return dict(User.objects.filter(pk=user.pk).values(**asks).get())


def panels(request: SignedInRequest) -> list[Panel]:
    parts = list(PARTS)
    asked = ask(request.user, parts)
    found = (part.panel(request, asked) for part in parts)
    return [panel for panel in found if panel is not None]
