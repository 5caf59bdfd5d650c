"""Every free-text write is screened here, from inside the write services.

A write service calls `screen(user=..., text=..., where=...)` right after it saves text the
person wrote. When the text suggests risk, the event is recorded (kind, score and time, never
the text) and the writer alone is offered care: on their next page (session flag, shown by
safety.context_processors), or in the API response's private `care` field (`care_payload`).
The partner is never told and nothing is blocked.

ScreeningMiddleware opens one screening context per request, so that a service needs no
request; outside a request (commands, the worker) events are recorded all the same.
"""

import logging
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse

from attunement.accounts.models import User

log = logging.getLogger(__name__)


@dataclass
class _Screening:
    request: HttpRequest | None
    flags: list[tuple[str, str]] = field(default_factory=list)  # (kind, level)


_current: ContextVar[_Screening | None] = ContextVar("attunement_screening", default=None)


def _analyze(text: str) -> tuple[str, float, str]:
    """(risk kind or "none", score, level) for one text."""
    from attunement.language import analyze_safety

    result = analyze_safety(text)
    if result.level == "none" or not result.at_risk:
        return "none", float(result.score), "none"
    return result.risk, float(result.score), result.level


def suggests_risk(text: str) -> bool:
    """Whether the analyzer would flag `text`, recording nothing (for a write that must not
    stand in the way of someone at risk, e.g. a gentle start-up suggestion)."""
    try:
        return bool(text.strip()) and _analyze(text)[2] == "clear"
    except Exception as exc:
        log.error("safety analyzer failed: %s", type(exc).__name__)
        return False


def screen(*, user: User, text: str, where: str) -> str | None:
    """Screen text `user` just saved; returns the risk kind offered care for, or None.

    `where` names the write (e.g. "support.check_in") for the person's own safety history.
    A `clear` flag offers the care card, a `possible` one only a quiet line.
    The analyzer must never block or break a save: its failures are logged and ignored.
    """
    from attunement.safety import care, services

    if not text or not text.strip():
        return None
    try:
        kind, score, level = _analyze(text)
    except Exception as exc:
        log.error("safety analyzer failed: %s", type(exc).__name__)
        return None
    if kind == "none":
        return None
    services.record_event(user=user, kind=kind, score=score, where=where, level=level)
    current = _current.get()
    if current is not None:
        current.flags.append((kind, level))
        request = current.request
        if request is not None and not request.path.startswith("/api/"):
            care.offer_on_next_page(request, kind, level)
    return kind


def care_payload() -> dict[str, Any] | None:
    """The writer's private `care` field for an API response: the message and resources when
    something written in this request was flagged, else None. Only ever for the writer."""
    from attunement.safety import care

    current = _current.get()
    if current is None or not current.flags:
        return None
    # The strongest flag of the request decides: a card outranks a quiet line.
    kind, level = max(current.flags, key=lambda flag: flag[1] == "clear")
    return care.care_as_dict(kind, level)


class ScreeningMiddleware:
    """One screening context per request (see the module docstring)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(_Screening(request=request))
        try:
            response: HttpResponse = self.get_response(request)
        finally:
            _current.reset(token)
        return response
