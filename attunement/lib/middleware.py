from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class PrivatePagesMiddleware:
    """Signed-in pages and the API are never cached by browsers or proxies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        is_user = getattr(request, "user", None) is not None and request.user.is_authenticated
        if is_user or request.path.startswith("/api/"):
            response["Cache-Control"] = "no-store"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class MethodNotAllowedPageMiddleware:
    """A page opened by address that only takes a form's POST (Django answers 405 with an
    empty body, which browsers show as their own error) gets the app's error page instead.
    The API keeps its own answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        page = render(request, "errors/405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
