from datetime import timedelta

from django.db.models import Exists, QuerySet
from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.style import style_hints
from attunement.lib.panels import Asked, Asks, NextStep, Panel, Practice
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.support.needs import STRAINED, quick_responses_for, support_words

RECENT_DAYS = 7


def _shown(user: User, *, with_responses: bool = False) -> QuerySet[CheckIn]:
    """The check-ins Today may show: this person's and their partner's, today and yesterday
    (with the responses this person may read, when there are any to show)."""
    since = user.local_today() - timedelta(days=1)
    return access.visible(
        user,
        (CheckIn.objects.with_responses_for(user) if with_responses else CheckIn.objects).filter(
            local_date__gte=since
        ),
    )


def _received(user: User) -> QuerySet[Appreciation]:
    since = user.local_now() - timedelta(days=RECENT_DAYS)
    return access.visible(user, Appreciation.objects).filter(recipient=user, created_at__gte=since)


def asks(user: User) -> Asks:
    """Whether any response or appreciation is there to show: their rows are fetched only then."""
    since = user.local_today() - timedelta(days=1)
    # Any readable response on a check-in of these two days (a response on a check-in Today
    # does not show only costs the fetch; one it shows is never missed).
    return {
        "support_responses": Exists(
            access.visible(user, Response.objects.filter(check_in__local_date__gte=since))
        ),
        "support_received": Exists(_received(user)),
    }


def panel(request: SignedInRequest, asked: Asked) -> Panel:
    user = request.user
    today = user.local_today()
    partner = access.partner_of(user)
    recent = list(_shown(user, with_responses=asked["support_responses"]).order_by("-local_date"))
    if not asked["support_responses"]:
        for c in recent:
            c.visible_responses = []
    # Each shown check-in is this person's or their current partner's (the gate says so).
    people = {p.pk: p for p in (user, partner) if p is not None}
    for c in recent:
        if c.owner_id in people:
            c.owner = people[c.owner_id]
    mine = next((c for c in recent if c.owner_id == user.pk and c.local_date == today), None)
    partners = next((c for c in recent if c.owner_id != user.pk), None)
    received = (
        list(_received(user).select_related("owner")[:5]) if asked["support_received"] else []
    )
    answered = partners is not None and any(
        r.owner_id == user.pk for r in partners.visible_responses
    )
    step = None
    if mine is None:
        step = NextStep(
            "Check in for today",
            reverse("check_in"),
            "It takes under a minute.",
            practice=Practice.CHECK_IN,
        )
    elif partners is not None and not answered:
        step = NextStep(
            f"Turn toward {partner.name if partner else 'your partner'}",
            reverse("check_in_detail", args=[partners.uuid]),
            "A small response makes a big difference.",
            practice=Practice.RESPOND_TO_CHECK_IN,
        )
    # Only a hard day's needs follow the partner's style: no query for the others.
    strained = partners is not None and partners.need in STRAINED
    style = style_hints(partners.owner, reader=user) if partners and strained else None
    couple = access.current_couple(user)
    context: dict[str, object] = {
        "mine": mine.to_dict(user) if mine else None,
        "mine_seen": mine is not None and mine.partner_sees(couple.pk if couple else None),
        "partners": partners.to_dict(user) if partners else None,
        "partner": partner,
        "answered": answered,
        "quick": quick_responses_for(partners.need, style) if partners else [],
        "support_words": support_words(partners.need, style) if partners else "",
        "received": [a.to_dict(user) for a in received],
    }
    return Panel("support/_today.html", context, step)
