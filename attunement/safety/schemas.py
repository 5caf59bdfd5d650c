"""API pieces other apps use to give the writer their private `care` field."""

from typing import Any

from ninja import Schema
from pydantic import model_serializer


class ResourceOut(Schema):
    name: str
    description: str
    phone: str = ""
    sms: str = ""
    url: str = ""
    hours: str = ""
    # False when the number and hours could not be confirmed on the service's own page: show
    # "Check before relying on it" with the entry.
    verified: bool = True
    doubt: str = ""  # a specific reason to check before relying on it, shown to people


class CareOut(Schema):
    """Shown to the writer only, and only when what they just wrote suggests risk: `clear`
    with the message and resources (a card), `possible` with a quiet line and no resources.
    POST /api/v1/safety/misread says "this isn't what I meant"."""

    level: str
    message: str
    resources: list[ResourceOut]


class WithCare(Schema):
    """Mix into the schema of the writer's own write response: `care` appears only when set
    (attunement.safety.screening.care_payload), and never in anything a partner reads."""

    care: CareOut | None = None

    @model_serializer(mode="wrap")
    def _drop_empty_care(self, handler: Any) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("care") is None:
            data.pop("care", None)
        return data
