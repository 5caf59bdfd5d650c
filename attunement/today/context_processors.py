from django.http import HttpRequest

from attunement.today.navigation import nav_for


def navigation(request: HttpRequest) -> dict[str, object]:
    """The nav for signed-in pages; nothing for visitors (their header has two links)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    return {"nav": nav_for(match.url_name if match else None)}
