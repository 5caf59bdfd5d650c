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
    kinds: list[str] = field(default_factory=list)


_current: ContextVar[_Screening | None] = ContextVar("attunement_screening", default=None)


def _analyze(text: str) -> tuple[str, float]:
    from attunement.language import analyze_safety

    result = analyze_safety(text)
    return (result.risk if result.at_risk else "none"), float(result.score)


def suggests_risk(text: str) -> bool:
    """Whether the analyzer would flag `text`, recording nothing (for a write that must not
    stand in the way of someone at risk, e.g. a gentle start-up suggestion)."""
    try:
        return bool(text.strip()) and _analyze(text)[0] != "none"
    except Exception as exc:
        log.error("safety analyzer failed: %s", type(exc).__name__)
        return False


def screen(*, user: User, text: str, where: str) -> str | None:
    """Screen text `user` just saved; returns the risk kind offered care for, or None.

    `where` names the write (e.g. "support.check_in") for the person's own safety history.
    The analyzer must never block or break a save: its failures are logged and ignored.
    """
    from attunement.safety import care, services

    if not text or not text.strip():
        return None
    try:
        kind, score = _analyze(text)
    except Exception as exc:
        log.error("safety analyzer failed: %s", type(exc).__name__)
        return None
    if kind == "none":
        return None
    services.record_event(user=user, kind=kind, score=score, where=where)
    current = _current.get()
    if current is not None:
        current.kinds.append(kind)
        request = current.request
        if request is not None and not request.path.startswith("/api/"):
            care.offer_on_next_page(request, kind)
    return kind


def care_payload() -> dict[str, Any] | None:
    """The writer's private `care` field for an API response: the message and resources when
    something written in this request was flagged, else None. Only ever for the writer."""
    from attunement.safety import care

    current = _current.get()
    if current is None or not current.kinds:
        return None
    return care.care_as_dict(current.kinds[-1])


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
