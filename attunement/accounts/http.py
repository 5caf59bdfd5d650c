"""The request a signed-in page or an authenticated API route receives, for annotations only."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from attunement.accounts.models import User


class SignedInRequest(HttpRequest):
    """An `HttpRequest` whose person is known: a view behind `@login_required`, or an API route
    behind the API's auth (ninja puts the authenticated person in `auth`). Never instantiated:
    Django builds the request; this only tells readers and mypy what it carries."""

    user: User
    auth: User
    htmx: HtmxDetails
