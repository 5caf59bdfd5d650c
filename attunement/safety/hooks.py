"""What the strategy apps ask of the safety app before a joint exercise.

Screening of free text lives in attunement.safety.screening (called by the write services).
"""

from attunement.couples.models import Couple

# What both partners see where a joint exercise is off: never why, never who.
JOINT_OFF_MESSAGE = "Some exercises aren't available right now."


def joint_exercises_allowed(couple: Couple | None) -> bool:
    """False when a partner's private safety screen suggests risk: exercises that could escalate
    (typed conflict conversations, perspective-taking about disagreements) are then off for the
    couple, with a neutral message that says neither why nor who (JOINT_OFF_MESSAGE)."""
    from attunement.safety import services

    if couple is None:
        return True
    return not services.couple_has_risk(couple)
