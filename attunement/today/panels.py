"""Today: each strategy contributes a panel, and the first open step becomes "next step".

A panel function takes the request and returns a Panel (attunement.lib.panels), or None when
it has nothing to show today. A new strategy adds its function to PANELS.
"""

from collections.abc import Callable

from attunement.accounts.http import SignedInRequest
from attunement.differences import today as differences_today
from attunement.empathy import today as empathy_today
from attunement.lib.panels import Panel
from attunement.listening import today as listening_today
from attunement.safety import today as safety_today
from attunement.sharing import today as sharing_today
from attunement.support import today as support_today

PANELS: list[Callable[[SignedInRequest], Panel | None]] = [
    support_today.panel,
    listening_today.panel,
    sharing_today.panel,
    differences_today.panel,
    empathy_today.panel,
    safety_today.panel,
]


def panels(request: SignedInRequest) -> list[Panel]:
    found = (make(request) for make in PANELS)
    return [panel for panel in found if panel is not None]
