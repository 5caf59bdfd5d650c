"""The one error type for refusals a person may see.

A service raises a DomainError (or its app's subclass) when a write cannot happen; nothing was
changed and the message is written for the person, safe to show as it is. The API maps it to
its `status` (409 unless the subclass says otherwise) with one handler (attunement/api.py);
pages show it in the one refusal notice of the page (templates/_refusal.html).
"""


class DomainError(Exception):
    """A write that cannot happen, with a message safe to show to the person who tried it."""

    status = 409

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(DomainError):
    """The input itself is unusable (blank text, an unknown choice): the API answers 422."""

    status = 422


NOT_FOUND = "Not found."
"""The one 404 body. An object a person may not see answers exactly like one that is absent."""


def require_text(text: str, message: str = "Write a few words first.") -> str:
    """The text with outer whitespace removed; blank text is refused with `message`."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(message)
    return text
