"""What a strategy app gives the Today page: a panel and, maybe, the next step it suggests."""

from dataclasses import dataclass, field


@dataclass
class NextStep:
    label: str
    url: str
    why: str = ""


@dataclass
class Panel:
    template: str
    context: dict[str, object] = field(default_factory=dict)
    next_step: NextStep | None = None
