"""Gentle coaching for replies to a partner's answer (active-constructive responding).

Shown only to the person writing, before they send; the draft is never stored. The text
analysis comes from attunement.language when it is installed and working; without it the
person still gets the fixed prompts.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from attunement.language import ListeningResult

log = logging.getLogger(__name__)

PROMPTS = (
    "Ask a question about it.",
    "Say what it tells you about them.",
    "Say how it felt to read it.",
)


@dataclass(frozen=True)
class Feedback:
    tone: str  # "good", "gentle" or "flag"
    message: str
    tips: list[str] = field(default_factory=list)


def _analyzer() -> Callable[..., "ListeningResult"] | None:
    try:
        from attunement.language import analyze_listening
    except ImportError:
        return None
    return analyze_listening


def coach_reply(*, answer: str, reply: str) -> Feedback:
    """Feedback on `reply` to the partner's `answer`. Never raises for odd text."""
    reply = reply.strip()
    if not reply:
        return Feedback("gentle", "Write a few words first, then check them here.")
    analyze = _analyzer()
    result: ListeningResult | None = None
    if analyze is not None:
        try:
            result = analyze(statement=answer, reply=reply)
        except Exception:  # a missing model file must not break replying; the prompts still help
            log.warning("Reply coaching unavailable: text analysis failed.")
    if result is None:
        return Feedback("gentle", "Responses that show interest help most:", list(PROMPTS[:2]))
    if result.judgment or result.turned_to_self:
        return Feedback(
            "flag",
            "This reply may turn the spotlight to you, or brush past what they shared. "
            "Sharing this took some trust: first let them know it landed.",
            list(result.tips[:1]),
        )
    if result.advice:
        return Feedback(
            "flag",
            "Advice can wait. For now, show that you are glad they told you, and curious.",
            ["Ask a question about it, or say what it tells you about them."],
        )
    if len(reply.split()) < 4:
        return Feedback(
            "gentle",
            "Short and kind. A few more words would show how much it landed.",
            list(PROMPTS[:2]),
        )
    if result.act == "question":
        return Feedback("good", "A curious question: it invites them to tell you more.")
    if result.act == "reflection":
        return Feedback(
            "good",
            "You showed that you took it in.",
            ["You could add a question to keep it going."],
        )
    return Feedback(
        "gentle",
        "Warm. To make it even more responsive:",
        list(PROMPTS[:2]),
    )
