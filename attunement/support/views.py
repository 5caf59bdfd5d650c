from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement.couples import access
from attunement.safety.hooks import screen_text
from attunement.support import chart, services
from attunement.support.feelings import GROUPS
from attunement.support.forms import AppreciationForm, CheckInForm, ResponseForm
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.support.needs import quick_responses_for

HISTORY_PAGE = 30


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    existing = (
        access.own(request.user, CheckIn.objects)
        .filter(local_date=request.user.local_today())
        .first()
    )
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            services.save_check_in(user=request.user, **form.cleaned_data)
            screen_text(request, form.cleaned_data["note"])
            messages.success(request, "Checked in. Thank you for sharing how you are.")
            return redirect("today")
        status = 400
    else:
        initial = {}
        if existing:
            initial = {
                k: getattr(existing, k)
                for k in ("feelings", "intensity", "energy", "need", "note", "visibility")
            }
        form = CheckInForm(initial=initial or None)
        status = 200
    ctx = {
        "form": form,
        "existing": existing,
        "groups": GROUPS,
        "partner": access.partner_of(request.user),
    }
    return render(request, "support/check_in.html", ctx, status=status)


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    mine = access.own(request.user, CheckIn.objects)
    today = request.user.local_today()
    recent = list(mine.filter(local_date__gt=today - timedelta(days=chart.DAYS)))
    page = Paginator(mine.order_by("-local_date"), HISTORY_PAGE).get_page(request.GET.get("page"))
    ctx = {"chart": chart.four_weeks(recent, today), "page": page}
    return render(request, "support/history.html", ctx)


@login_required
@require_GET
def check_in_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    item = access.get_visible_or_404(
        request.user, CheckIn.objects.select_related("owner"), uuid=uuid
    )
    return _render_detail(request, item, ResponseForm())


def _render_detail(
    request: HttpRequest, item: CheckIn, form: ResponseForm, status: int = 200
) -> HttpResponse:
    responses = access.visible(request.user, Response.objects.filter(check_in=item))
    ctx = {
        "item": item,
        "responses": list(responses.select_related("owner")),
        "is_partner": item.owner_id != request.user.pk,
        "quick": quick_responses_for(item.need),
        "form": form,
    }
    return render(request, "support/check_in_detail.html", ctx, status=status)


@login_required
@require_POST
def respond(request: HttpRequest, uuid: str) -> HttpResponse:
    item = access.get_visible_or_404(
        request.user, access.partners_rows(request.user, CheckIn.objects), uuid=uuid
    )
    form = ResponseForm(request.POST)
    if form.is_valid():
        services.respond_to_check_in(user=request.user, check_in=item, **form.cleaned_data)
        screen_text(request, form.cleaned_data["message"])
        messages.success(request, f"Sent. {item.owner.name} will see it on their Today.")
        if request.POST.get("next") == "detail":
            return redirect("check_in_detail", uuid=item.uuid)
        return redirect("today")
    # Keep what was already said in view beside the error.
    return _render_detail(request, item, form, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def appreciations(request: HttpRequest) -> HttpResponse:
    partner = access.partner_of(request.user)
    status = 200
    form = AppreciationForm()
    if request.method == "POST":
        form = AppreciationForm(request.POST)
        if partner is None:
            form.add_error(None, "Appreciations go to your partner: invite them first.")
        if form.is_valid():
            services.send_appreciation(user=request.user, text=form.cleaned_data["text"])
            screen_text(request, form.cleaned_data["text"])
            messages.success(request, f"Sent to {partner.name}.")
            return redirect("appreciations")
        status = 400
    visible = access.visible(request.user, Appreciation.objects).select_related("owner")
    ctx = {
        "form": form,
        "partner": partner,
        "received": visible.filter(recipient=request.user)[:50],
        "sent": visible.filter(owner=request.user)[:50],
    }
    return render(request, "support/appreciations.html", ctx, status=status)
