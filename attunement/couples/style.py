"""What a person's emotional style tells the other strategies: one small, named interface.

The differences app knows each person's emotional style; support and listening adjust to it
(which quick responses a partner is offered, a line at the start of a conversation). Strategies
never import each other, so differences registers its reader here from its AppConfig.ready(),
the way couples.services.when_couple_ends works, and the others call style_hints(). Without a
reader (the app not installed) every answer is None, and the pages behave as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from attunement.accounts.models import User

# The kinds of support a person may prefer when stressed (differences' support scales).
SUPPORT_KINDS: tuple[str, ...] = ("listening", "comfort", "practical", "distraction", "space")


@dataclass(frozen=True)
class StyleHints:
    """What one person's latest emotional-style profile says, as plain facts.

    `prefers`: kinds of support that help them most when stressed, strongest first.
    `helps_little`: kinds that help them little. `thinks_first`: True when they like time to
    think before talking, False when they like to talk things through right away, None when
    neither stands out.
    """

    prefers: tuple[str, ...] = ()
    helps_little: tuple[str, ...] = ()
    thinks_first: bool | None = None


Reader = Callable[[User, User], "StyleHints | None"]
_readers: list[Reader] = []


def provide_style_hints(read: Reader) -> None:
    """Register `read(person, reader)`; the differences app calls this once, from ready()."""
    if read not in _readers:
        _readers.append(read)


def style_hints(person: User, *, reader: User) -> StyleHints | None:
    """`person`'s style as `reader` may use it: their own, or their current partner's when that
    partner has shared their profile; otherwise None. At most one query."""
    for read in _readers:
        hints = read(person, reader)
        if hints is not None:
            return hints
    return None
