"""Building emotional-style rows for tests through the real services."""

from attunement.accounts.models import User
from attunement.differences import scoring, services
from attunement.differences.demo import answers_for
from attunement.differences.models import StyleGuess, StyleTake

# Alice talks things through and wants comfort; Bob thinks first and wants practical help and
# space. Whole numbers per scale (7 = the scale's `high` end).
ALICE = {
    "closeness": 6, "space": 2, "processing": 2, "support_listening": 6, "support_comfort": 6,
    "support_practical": 2, "support_distraction": 3, "support_space": 2, "expressiveness": 6,
    "disagreement": 2, "recharge": 3,
}  # fmt: skip
BOB = {
    "closeness": 4, "space": 5, "processing": 6, "support_listening": 2, "support_comfort": 2,
    "support_practical": 7, "support_distraction": 4, "support_space": 6, "expressiveness": 3,
    "disagreement": 6, "recharge": 6,
}  # fmt: skip
# Words only Alice's own profile page shows (her high closeness score, explained).
ALICES_CLOSENESS = "Small signs that you matter"
# Words only the revealed map shows: the card for Alice talking now and Bob thinking first.
PROCESSING_CARD = "Alice tends to want to talk things through right away"
PROCESSING_CARD_ID = "d-03"


def take(user: User, targets: dict[str, int] | None = None, shared: bool = False) -> StyleTake:
    taken = services.submit_take(user=user, answers=answers_for(targets or ALICE))
    if shared:
        services.set_profile_sharing(user=user, shared=True)
        taken.refresh_from_db()
    return taken


def guess(user: User, scores: dict[str, int]) -> StyleGuess:
    return services.save_guess(user=user, scores=dict(scores))


def all_scales(value: int) -> dict[str, int]:
    return dict.fromkeys(scoring.scales(), value)


def both_done(alice: User, bob: User, shared: bool = True) -> None:
    """Both took the reflection (shared or not) and guessed each other: revealed."""
    take(alice, ALICE, shared=shared)
    take(bob, BOB, shared=shared)
    guess(alice, {**BOB, "support_practical": 4})
    guess(bob, ALICE)


def closeness_answers() -> dict[str, str]:
    """The closeness screen, every statement answered 5, as a form posts it."""
    dimension = scoring.dimension("closeness")
    assert dimension is not None
    return {item["id"]: "5" for item in dimension.items}
