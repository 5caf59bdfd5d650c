"""Today's panel: the day's question and where this person stands with it.

A constant number of queries whatever the history: the served row (created once a day, which
takes a few more), and this person's own row. The state never depends on the partner's row.
"""

from django.http import HttpRequest
from django.urls import reverse

from attunement.lib.panels import NextStep, Panel
from attunement.sharing import reads, services


def panel(request: HttpRequest) -> Panel:
    user = request.user
    served = services.todays_question(user=user)
    own = reads.own_answer(user, served)
    state = reads.question_state(served, own, is_today=True)
    step = None
    if state == "answer":
        step = NextStep(
            "Answer today's question", reverse("sharing_today"), "A few words are plenty."
        )
    context = {"served": served, "state": state, "solo": served.is_solo}
    return Panel("sharing/_today.html", context, step)
