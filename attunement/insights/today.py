"""The Today panel: this week's focus, if the couple has one, and the pulse once a week."""

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.insights import pulse
from attunement.insights.models import FocusWeek, PulseAnswer
from attunement.lib.insights import Strategy
from attunement.lib.panels import Panel


def panel(request: SignedInRequest) -> Panel:
    user = request.user
    week = pulse.this_week(user)
    answered = access.own(user, PulseAnswer.objects).filter(week=week).exists()
    focus = access.couples_rows(user, FocusWeek.objects).filter(week=week).first()
    context: dict[str, object] = {
        "answered": answered,
        "focus": Strategy(focus.strategy).label if focus else None,
        "has_couple": access.current_couple(user) is not None,
    }
    return Panel("insights/_today.html", context)
