"""The friendly feelings people pick in a check-in: the data lives one layer down, in
attunement/content/feelings.py (empathy rounds use the same set); this adds the Django choices.
"""

from django.db import models

from attunement.content.feelings import (
    BY_ID,
    CHOICES,
    GROUP_OF,
    GROUPS,
    Feeling,
    FeelingGroup,
    labels,
)

__all__ = [
    "BY_ID",
    "CHOICES",
    "GROUP_OF",
    "GROUPS",
    "Feeling",
    "FeelingGroup",
    "FeelingId",
    "labels",
]


# The same feelings as choices, so forms and API schemas take them from one place.
# (The stubs know only TextChoices' enum-style call with plain strings, not (value, label) pairs.)
FeelingId = models.TextChoices(  # type: ignore[call-overload]
    "FeelingId", [(f.id.upper(), (f.id, f.label)) for g in GROUPS for f in g.feelings]
)
