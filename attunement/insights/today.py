"""The Today panel: this week's focus, if the couple has one, and the pulse once a week.
No query of its own: both answers come in Today's one query (asks)."""

from django.db.models import Exists, Subquery

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.insights import pulse
from attunement.insights.models import FocusWeek, PulseAnswer
from attunement.lib.insights import Strategy
from attunement.lib.panels import Asked, Asks, Panel


def asks(user: User) -> Asks:
    week = pulse.this_week(user)
    return {
        "insights_answered": Exists(access.own(user, PulseAnswer.objects).filter(week=week)),
        "insights_focus": Subquery(
            access.couples_rows(user, FocusWeek.objects).filter(week=week).values("strategy")[:1]
        ),
    }


def panel(request: SignedInRequest, asked: Asked) -> Panel:
    focus = asked["insights_focus"]
    context: dict[str, object] = {
        "answered": asked["insights_answered"],
        "focus": Strategy(focus).label if focus else None,
        "has_couple": access.current_couple(request.user) is not None,
    }
    return Panel("insights/_today.html", context)
