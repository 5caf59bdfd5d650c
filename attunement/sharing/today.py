"""Today's panel: the day's question and where this person stands with it.

A constant number of queries whatever the history: the served row (created once a day, which
takes a few more), and this person's own row. The state never depends on the partner's row.
"""

from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.panels import NextStep, Panel, Practice
from attunement.sharing import services
from attunement.sharing.models import Answer, QuestionState


def panel(request: SignedInRequest) -> Panel:
    user = request.user
    served = services.todays_question(user=user)
    own = access.own_answer(user, Answer.objects, served)
    state = served.state_for(own, is_today=True)
    step = None
    if state == QuestionState.ANSWER:
        step = NextStep(
            "Answer today's question",
            reverse("sharing_today"),
            "A few words are plenty.",
            practice=Practice.DAILY_QUESTION,
        )
    context = {
        "served": served,
        "state": state,
        "solo": served.is_solo,
        "partner": access.partner_of(user),
    }
    return Panel("sharing/_today.html", context, step)
