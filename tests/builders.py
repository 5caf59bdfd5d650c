"""Small builders for test rows: each makes one valid row; any field can be overridden.

A builder fills in only what the model requires; a test passes whatever matters to it (the
couple, the visibility, the note), so the test still says what it is about.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.support.models import Appreciation, CheckIn


def check_in(owner: User, **overrides: Any) -> CheckIn:
    """A check-in on the owner's today: calm, middling, needing nothing."""
    fields: dict[str, Any] = {
        "local_date": owner.local_today(),
        "feelings": ["calm"],
        "intensity": 2,
        "energy": 3,
        "need": "nothing",
    }
    return CheckIn.objects.create(owner=owner, **{**fields, **overrides})


def appreciation(owner: User, recipient: User, **overrides: Any) -> Appreciation:
    """A few words from owner to recipient."""
    fields: dict[str, Any] = {"text": "Thank you for the tea."}
    return Appreciation.objects.create(owner=owner, recipient=recipient, **{**fields, **overrides})
