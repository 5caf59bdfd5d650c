"""The differences app's answer to couples.style.style_hints (registered in apps.py)."""

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.style import StyleHints
from attunement.differences.models import StyleTake
from attunement.differences.scoring import HIGH_ABOVE, LOW_BELOW

STRONG = 5.0  # a support kind that helps "most" scores at least this
WEAK = 3.0  # one that helps "little" at most this
MOST = 2  # at most this many kinds lead


def hints_for(person: User, reader: User) -> StyleHints | None:
    """`person`'s latest profile as `reader` may read it (the gate: their own, or their
    current partner's when shared), turned into plain hints. One query."""
    take = (
        access.visible(reader, StyleTake.objects)
        .filter(owner=person, completed_at__isnull=False)
        .order_by("-completed_at")
        .only("scores")
        .first()
    )
    return from_scores(take.scores) if take else None


def from_scores(scores: dict[str, float]) -> StyleHints:
    support = {
        kind: scores[f"support_{kind}"]
        for kind in ("listening", "comfort", "practical", "distraction", "space")
        if f"support_{kind}" in scores
    }
    ranked = sorted(support, key=lambda k: -support[k])
    processing = scores.get("processing")
    thinks_first = None
    if processing is not None and processing > HIGH_ABOVE:
        thinks_first = True
    elif processing is not None and processing < LOW_BELOW:
        thinks_first = False
    return StyleHints(
        prefers=tuple(k for k in ranked if support[k] >= STRONG)[:MOST],
        helps_little=tuple(k for k in ranked if support[k] <= WEAK),
        thinks_first=thinks_first,
    )
