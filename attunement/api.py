"""The JSON API under /api/v1/: session auth for the app's own pages, personal tokens for others."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import APIKeyCookie, HttpBearer

from attunement.accounts.models import PersonalToken, User, hash_token
from attunement.lib.errors import NOT_FOUND, DomainError

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ReadOnlyToken(DomainError):
    """A read-only token tried to change something."""

    status = 403


class SessionAuth(APIKeyCookie):
    """The browser session (CSRF-checked on unsafe methods)."""

    param_name = "attunement_session"

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return request.user if request.user.is_authenticated else None


class TokenAuth(HttpBearer):
    """A personal token that is neither revoked nor expired; a read-only one may only read."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        row = (
            PersonalToken.usable()
            .filter(token_hash=hash_token(token))
            .select_related("user")
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        if request.method not in SAFE_METHODS and not row.can_write:
            raise ReadOnlyToken("This token can only read. Create a read-and-write token.")
        row.note_use()
        request.user = row.user
        return row.user


api = NinjaAPI(
    title="Attunement API",
    version="1",
    urls_namespace="api",
    auth=[TokenAuth(), SessionAuth()],
    docs_url=None,
)


@api.exception_handler(DomainError)
def refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    """Every refusal of every app answers one way: its status and the person-safe message."""
    return api.create_response(request, {"detail": exc.message}, status=exc.status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """One 404 body, whether the object is absent or belongs to someone else."""
    return api.create_response(request, {"detail": NOT_FOUND}, status=404)


def _register() -> None:
    from attunement.couples.api import router as couples_router
    from attunement.differences.api import router as differences_router
    from attunement.empathy.api import router as empathy_router
    from attunement.insights.api import router as insights_router
    from attunement.listening.api import router as listening_router
    from attunement.notifications.api import router as notifications_router
    from attunement.safety.api import router as safety_router
    from attunement.sharing.api import router as sharing_router
    from attunement.support.api import router as support_router
    from attunement.together.api import router as together_router

    api.add_router("/couple", couples_router, tags=["couple"])
    api.add_router("/", support_router, tags=["support"])
    api.add_router("/sharing", sharing_router, tags=["sharing"])
    api.add_router("/listening", listening_router, tags=["listening"])
    api.add_router("/empathy", empathy_router, tags=["empathy"])
    api.add_router("/safety", safety_router, tags=["safety"])
    api.add_router("/differences", differences_router, tags=["differences"])
    api.add_router("/insights", insights_router, tags=["insights"])
    api.add_router("/", notifications_router, tags=["reminders"])
    api.add_router("/together", together_router, tags=["together"])


_register()
