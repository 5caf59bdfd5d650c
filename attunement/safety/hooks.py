"""What the strategy apps ask of the safety app before a joint exercise.

Screening of free text lives in attunement.safety.screening (called by the write services).
"""

from attunement.couples.models import Couple

# What both partners see where a joint exercise is off: never why, never who.
JOINT_OFF_MESSAGE = "Some exercises aren't available right now."


def joint_exercises_allowed(couple: Couple | None) -> bool:
    """Exercises that could escalate (typed conversations on medium and hard topics) are on for
    a couple only once both partners have taken the private safety check and neither's latest
    answers suggest risk. Until then both see the same neutral message (JOINT_OFF_MESSAGE).

    "Not taken yet" and "at risk" are the same state on purpose: when one partner answers at
    risk, the other's pages and API do not change at all, so nothing can be inferred from them
    (docs/safety.md, "What the partner can infer")."""
    from attunement.safety import services

    if couple is None:
        return True
    return services.couple_is_clear(couple)
