from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.insights import focus, progress, pulse, services
from attunement.insights.forms import FocusForm, PulseForm, SpanForm
from attunement.insights.models import PulseAnswer
from attunement.lib.errors import DomainError
from attunement.lib.insights import Strategy
from attunement.lib.pages import refusal


@login_required
@require_GET
def progress_page(request: SignedInRequest) -> HttpResponse:
    form = SpanForm(request.GET)
    span = form.cleaned_data["span"] if form.is_valid() and form.cleaned_data["span"] else "weeks"
    p = progress.progress_for(request.user, span)
    ctx = {
        "p": p,
        "spans": progress.SPANS.items(),
        "has_couple": access.current_couple(request.user) is not None,
    }
    return render(request, "insights/progress.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def pulse_page(request: SignedInRequest) -> HttpResponse:
    user = request.user
    week = pulse.this_week(user)
    mine = access.own(user, PulseAnswer.objects).filter(week=week).first()
    status, extra = 200, dict[str, object]()
    if request.method == "POST":
        form = PulseForm(request.POST)
        if form.is_valid():
            try:
                services.submit_pulse(
                    user=user,
                    scores=form.scores(),
                    closeness=form.cleaned_data["closeness"],
                    share_closeness=form.cleaned_data["share_closeness"],
                )
            except DomainError as error:
                extra, status = refusal(error)
            else:
                messages.success(request, "Thank you. Your pulse is saved, just for you.")
                return redirect("insights")
        else:
            status = 400
    else:
        initial: dict[str, object] = {"closeness": 50}
        if mine is not None:
            initial = {
                **mine.scores,
                "closeness": mine.closeness,
                "share_closeness": mine.share_closeness,
            }
        form = PulseForm(initial=initial)
    ctx = {"form": form, "week": week, "answered": mine is not None, **extra}
    return render(request, "insights/pulse.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def focus_page(request: SignedInRequest) -> HttpResponse:
    user = request.user
    status, extra = 200, dict[str, object]()
    if request.method == "POST":
        form = FocusForm(request.POST)
        if form.is_valid():
            try:
                services.pick_focus(user=user, strategy=form.cleaned_data["strategy"])
            except DomainError as error:
                extra, status = refusal(error)
            else:
                messages.success(request, "This week's focus is yours.")
                return redirect("insights_focus")
        else:
            status = 400
    # A refused pick shows the page as it was: it proposes nothing new.
    week = focus.current(user, timezone.now(), propose=status == 200)
    ctx: dict[str, object] = {
        "focus": week,
        "actions": focus.actions_of(user, week) if week else [],
        "choices": [s for s in focus.focusable() if week is None or s != week.strategy],
        **extra,
    }
    if week is not None:
        ctx["strategy"] = Strategy(week.strategy)
        ctx["done"] = focus.done_this_week(user, week)
    return render(request, "insights/focus.html", ctx, status=status)
