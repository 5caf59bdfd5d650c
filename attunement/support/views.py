from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.couples.style import style_hints
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.support import chart, services
from attunement.support.feelings import GROUPS
from attunement.support.forms import AppreciationForm, CheckInForm, ResponseForm
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.support.needs import quick_responses_for, support_words

HISTORY_PAGE = 30
KEPT_REPLIES = 50


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: SignedInRequest) -> HttpResponse:
    existing = (
        access.own(request.user, CheckIn.objects)
        .filter(local_date=request.user.local_today())
        .first()
    )
    ctx: dict[str, Any]
    ctx, status = {}, 200
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                services.save_check_in(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                messages.success(request, "Checked in. Thank you for sharing how you are.")
                return redirect("today")
        else:
            status = 400
    else:
        fields = ("feelings", "intensity", "energy", "need", "note", "visibility")
        form = CheckInForm(initial={k: getattr(existing, k) for k in fields} if existing else None)
    ctx |= {
        "form": form,
        "existing": existing,
        "groups": GROUPS,
        "partner": access.partner_of(request.user),
    }
    return render(request, "support/check_in.html", ctx, status=status)


@login_required
@require_GET
def history(request: SignedInRequest) -> HttpResponse:
    mine = access.own(request.user, CheckIn.objects)
    today = request.user.local_today()
    # The chart draws feelings and energy only: no note is read (or decrypted) for it.
    recent = list(
        mine.filter(local_date__gt=today - timedelta(days=chart.DAYS)).only(
            "local_date", "feelings", "energy"
        )
    )
    page = Paginator(mine.order_by("-local_date"), HISTORY_PAGE).get_page(request.GET.get("page"))
    since = mine.aggregate(first=Min("local_date"))["first"]
    couple = access.current_couple(request.user)
    rows = [(c, c.partner_sees(couple.pk if couple else None)) for c in page]
    # What the person wrote to check-ins that went with their writer's account stays theirs.
    kept = access.own(request.user, Response.objects.filter(check_in__isnull=True))
    ctx = {
        "chart": chart.four_weeks(recent, today, since),
        "page": page,
        "rows": rows,
        "partner": access.partner_of(request.user),
        "kept_replies": list(kept.order_by("-created_at")[:KEPT_REPLIES]),
    }
    return render(request, "support/history.html", ctx)


@login_required
@require_GET
def check_in_detail(request: SignedInRequest, uuid: str) -> HttpResponse:
    item = access.get_visible_or_404(
        request.user, CheckIn.objects.with_responses_for(request.user), uuid=uuid
    )
    return _render_detail(request, item, ResponseForm())


def _render_detail(
    request: SignedInRequest, item: CheckIn, form: ResponseForm, status: int = 200, **ctx: object
) -> HttpResponse:
    style = (
        style_hints(item.owner, reader=request.user) if item.owner_id != request.user.pk else None
    )
    ctx |= {
        "item": item.to_dict(request.user),
        "quick": quick_responses_for(item.need, style),
        "support_words": support_words(item.need, style),
    }
    ctx["form"] = form
    return render(request, "support/check_in_detail.html", ctx, status=status)


@login_required
@require_POST
def respond(request: SignedInRequest, uuid: str) -> HttpResponse:
    answerable = access.partners_rows(
        request.user, CheckIn.objects.with_responses_for(request.user)
    )
    item = access.get_visible_or_404(request.user, answerable, uuid=uuid)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        # Keep what was already said in view beside the error.
        return _render_detail(request, item, form, status=400)
    try:
        services.respond_to_check_in(user=request.user, check_in=item, **form.cleaned_data)
    except DomainError as exc:
        ctx, status = refusal(exc)
        return _render_detail(request, item, form, status, **ctx)
    messages.success(request, f"Sent. {item.owner.name} will see it on their Today.")
    if request.POST.get("next") == "detail":
        return redirect("check_in_detail", uuid=item.uuid)
    return redirect("today")


@login_required
@require_http_methods(["GET", "POST"])
def appreciations(request: SignedInRequest) -> HttpResponse:
    ctx: dict[str, Any]
    ctx, status, form = {}, 200, AppreciationForm()
    if request.method == "POST":
        form = AppreciationForm(request.POST)
        if form.is_valid():
            try:
                sent = services.send_appreciation(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                to = sent.recipient.name if sent.recipient else "your partner"
                messages.success(request, f"Sent to {to}.")
                return redirect("appreciations")
        else:
            status = 400
    visible = access.visible(request.user, Appreciation.objects).select_related("owner")
    ctx |= {
        "form": form,
        "partner": access.partner_of(request.user),
        "received": [a.to_dict(request.user) for a in visible.filter(recipient=request.user)[:50]],
        "sent": [a.to_dict(request.user) for a in visible.filter(owner=request.user)[:50]],
    }
    return render(request, "support/appreciations.html", ctx, status=status)
