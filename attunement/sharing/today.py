"""Today's panel: the day's question and where this person stands with it.

No query of its own once the day's question is served: the served row's few columns and this
person's own row (skipped or not) come in Today's one query (asks). The first look of the day
serves the question, which takes a few more. The state never depends on the partner's row.
"""

from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.panels import Asked, Asks, NextStep, Panel, Practice, first_row, row_of
from attunement.sharing import services
from attunement.sharing.models import Answer, QuestionState, ServedQuestion

SERVED = ("pk", "couple_id", "person_id", "question_id", "day", "revealed_at")


def asks(user: User) -> Asks:
    served = services.todays_rows(user)
    own = access.own(user, Answer.objects.filter(served__in=served))
    return first_row("sharing_served", served, *SERVED) | first_row("sharing_own", own, "skipped")


def panel(request: SignedInRequest, asked: Asked) -> Panel:
    user = request.user
    found = row_of(asked, "sharing_served", ServedQuestion)
    if found is None:
        served = services.todays_question(user=user)
        own = access.own_answer(user, Answer.objects, served)
    else:
        served = found
        # Only whether it was skipped decides the state; the words stay where they are.
        own = row_of(asked, "sharing_own", Answer)
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
