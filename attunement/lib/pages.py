"""How pages show a refusal: one notice (templates/_refusal.html, placed by base.html)."""

from typing import Any

from attunement.lib.errors import DomainError, InvalidInput


def refusal(exc: DomainError) -> tuple[dict[str, Any], int]:
    """The context entry and HTTP status for a page that shows `exc`: 400 for unusable input,
    409 for a write the current state refuses."""
    return {"refusal": exc.message}, 400 if isinstance(exc, InvalidInput) else 409
