from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_GET

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.panels import next_step
from attunement.today import panels as today_panels


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today")
    return render(request, "today/home.html")


@login_required
@require_GET
def today(request: SignedInRequest) -> HttpResponse:
    panels = today_panels.panels(request)
    ctx = {
        "panels": panels,
        "next_step": next_step(panels),
        "partner": access.partner_of(request.user),
    }
    return render(request, "today/today.html", ctx)


@login_required
@require_GET
def welcome(request: SignedInRequest) -> HttpResponse:
    """The first-run welcome, where sign-up lands: what the app is for, what stays private, and
    the one thing to do first. It can be opened again later; nothing depends on having seen it."""
    return render(request, "today/welcome.html", {"partner": access.partner_of(request.user)})


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


# Error pages (handler404/403/400/500 in attunement/urls.py): the app's layout with a plain way
# on. Django calls them however the request went wrong, so they take any request.


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "errors/404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the request, so it works when the database does not.

    No context processors run: nothing reads the session or the user, and nothing queries.
    """
    context = {"site_name": settings.SITE_NAME, "quick_exit_url": settings.QUICK_EXIT_URL}
    return HttpResponseServerError(loader.get_template("errors/500.html").render(context))
