"""What a strategy app gives the Today page: a panel and, maybe, the next step it suggests."""

from dataclasses import dataclass, field
from enum import IntEnum


class Practice(IntEnum):
    """The day's practice in the order Today offers it: the lowest open one is the next step.

    A step outside this list is not part of the day's practice: when none of these is open the
    day is done, and Today says so.
    """

    CHECK_IN = 10
    DAILY_QUESTION = 20
    RESPOND_TO_CHECK_IN = 30
    GUESS_FEELINGS = 35
    CONVERSATION_TURN = 40


@dataclass
class NextStep:
    label: str
    url: str
    why: str = ""
    practice: Practice = field(kw_only=True)


@dataclass
class Panel:
    template: str
    context: dict[str, object] = field(default_factory=dict)
    next_step: NextStep | None = None


def next_step(panels: list[Panel]) -> NextStep | None:
    """The earliest open practice of the day, or None when the day's practice is done."""
    steps = [p.next_step for p in panels if p.next_step is not None]
    return min(steps, key=lambda s: s.practice, default=None)
