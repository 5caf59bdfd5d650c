from typing import Any

from django.http import HttpRequest

from attunement.safety import care


class _Offer:
    """Reads (and clears) the writer's care flag only when a full page actually shows it."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self._taken = False
        self._care: care.Care | None = None

    def _get(self) -> care.Care | None:
        if not self._taken:
            self._taken = True
            self._care = care.take_offer(self._request)
        return self._care

    def __bool__(self) -> bool:
        return self._get() is not None

    @property
    def message(self) -> str:
        found = self._get()
        return found.message if found else ""

    @property
    def maybe_misread(self) -> str:
        return care.MAYBE_MISREAD

    @property
    def quiet(self) -> bool:
        found = self._get()
        return found.is_quiet if found else False

    @property
    def resources(self) -> list[dict[str, Any]]:
        found = self._get()
        return found.resources if found else []


def safety(request: HttpRequest) -> dict[str, object]:
    return {"safety_care": _Offer(request)}
