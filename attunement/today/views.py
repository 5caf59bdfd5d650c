from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
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


@require_GET
def health(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
