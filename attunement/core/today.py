"""Today: each strategy contributes a panel, and the first open step becomes "next step".

An app adds itself by listing its panel function in PANELS. A panel function takes the
request and returns a Panel, or None when it has nothing to show today.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.http import HttpRequest

PANELS = [
    "attunement.support.today.panel",
    "attunement.listening.today.panel",
    "attunement.sharing.today.panel",
    "attunement.safety.today.panel",
]


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


def panels(request: HttpRequest) -> list[Panel]:
    result = []
    for dotted in PANELS:
        module, name = dotted.rsplit(".", 1)
        panel = getattr(import_module(module), name)(request)
        if panel is not None:
            result.append(panel)
    return result
