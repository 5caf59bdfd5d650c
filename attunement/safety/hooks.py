"""What the rest of the app calls so that the safety app can look after the writer.

Owned by the safety app; other apps only call these two functions.
"""

import logging

from django.http import HttpRequest

from attunement.couples.models import Couple

log = logging.getLogger(__name__)

# What both partners see where a joint exercise is off: never why, never who.
JOINT_OFF_MESSAGE = "Some exercises aren't available right now."


def _analyze(text: str) -> tuple[str, float]:
    from attunement.language import analyze_safety

    result = analyze_safety(text)
    return (result.risk if result.at_risk else "none"), float(result.score)


def screen_text(request: HttpRequest, text: str) -> bool:
    """Pass free text the person just wrote through the safety analyzer.

    When it suggests risk, the writer (only) is shown calm resources on their next page; the
    partner is never told, nothing is blocked. Returns whether resources were offered.

    Call it right after the text is saved. API views add the writer's private `care` field
    (attunement.safety.care.care_as_dict) to their own response when this returns True.
    """
    from attunement.safety import care, services

    user = getattr(request, "auth", None) or getattr(request, "user", None)
    if not text or not text.strip() or user is None or not user.is_authenticated:
        return False
    try:
        kind, score = _analyze(text)
    except Exception as exc:  # the analyzer must never block or break a save
        log.error("safety analyzer failed: %s", type(exc).__name__)
        return False
    if kind == "none":
        return False
    match = getattr(request, "resolver_match", None)
    where = (match.url_name or "") if match else ""
    services.record_event(user=user, kind=kind, score=score, where=where)
    request._safety_care_kind = kind  # type: ignore[attr-defined]
    if not request.path.startswith("/api/"):
        care.offer_on_next_page(request, kind)
    return True


def care_payload(request: HttpRequest) -> dict | None:
    """The writer's private `care` field for an API response: the message and resources, when
    screen_text flagged something in this request, else None. Only ever for the writer."""
    from attunement.safety import care

    kind = getattr(request, "_safety_care_kind", None)
    return care.care_as_dict(kind) if kind else None


def joint_exercises_allowed(couple: Couple | None) -> bool:
    """False when a partner's private safety screen suggests risk: exercises that could escalate
    (typed conflict conversations, perspective-taking about disagreements) are then off for the
    couple, with a neutral message that says neither why nor who (JOINT_OFF_MESSAGE)."""
    from attunement.safety import services

    if couple is None:
        return True
    return not services.couple_has_risk(couple)
