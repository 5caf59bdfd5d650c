from datetime import timedelta

from django.urls import reverse

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.couples.style import style_hints
from attunement.lib.panels import Asked, NextStep, Panel, Practice
from attunement.support.models import Appreciation, CheckIn
from attunement.support.needs import STRAINED, quick_responses_for, support_words

RECENT_DAYS = 7


def panel(request: SignedInRequest, asked: Asked) -> Panel:
    user = request.user
    today = user.local_today()
    partner = access.partner_of(user)
    recent = list(
        access.visible(user, CheckIn.objects.with_responses_for(user))
        .filter(local_date__gte=today - timedelta(days=1))
        .order_by("-local_date")
    )
    mine = next((c for c in recent if c.owner_id == user.pk and c.local_date == today), None)
    partners = next((c for c in recent if c.owner_id != user.pk), None)
    received = list(
        access.visible(user, Appreciation.objects)
        .filter(recipient=user, created_at__gte=user.local_now() - timedelta(days=RECENT_DAYS))
        .select_related("owner")[:5]
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
