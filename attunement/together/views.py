import hashlib
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.errors import DomainError, InvalidInput
from attunement.lib.pages import refusal
from attunement.together import chart, ics, reading, services
from attunement.together.forms import (
    AnswerForm,
    FiltersForm,
    HighlightForm,
    PlanForm,
    PreferencesForm,
    SwipeForm,
)
from attunement.together.models import Choice, Highlight, Plan, Swipe, activity, tags_of

FEED_DAYS_BACK = 90


def _render(
    request: SignedInRequest,
    template: str,
    ctx: dict[str, Any],
    *,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    if refused is not None:
        shown, status = refusal(refused)
        ctx.update(shown)
    return render(request, f"together/{template}", ctx, status=status)


def _plan_or_404(request: SignedInRequest, uuid: str) -> Plan:
    return access.get_visible_or_404(request.user, reading.plans(request.user), uuid=uuid)


def _activity_or_404(activity_id: str) -> dict[str, Any]:
    entry = content.get("activities", activity_id)
    if entry is None or entry.get("retired"):
        raise Http404
    return entry


@login_required
@require_GET
def overview(request: SignedInRequest) -> HttpResponse:
    return _overview_page(request)


def _overview_page(
    request: SignedInRequest,
    *,
    filters_form: FiltersForm | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    partner = access.partner_of(user)
    found = reading.matches(user)
    fresh = {m.activity["id"] for m in reading.new_matches(found)}
    filters = services.filters_for(user)
    ctx: dict[str, Any] = {
        "partner": partner,
        "matches": found,
        "fresh": fresh,
        "suggestions": reading.suggestions(user, found, filters),
        "upcoming": [(p, p.when_for(user)) for p in reading.upcoming(user)[:5]],
        "to_write": list(reading.to_write(user)[:3]),
        "cancelled": [(p, p.when_for(user)) for p in reading.recently_cancelled(user)],
        "filters_form": filters_form
        or FiltersForm(
            initial={
                "max_cost": filters.max_cost,
                "max_energy": filters.max_energy,
                "places": list(filters.places),
            }
        ),
    }
    return _render(request, "overview.html", ctx, status=status, refused=refused)


@login_required
@require_POST
def filters(request: SignedInRequest) -> HttpResponse:
    form = FiltersForm(request.POST)
    if not form.is_valid():
        return _overview_page(request, filters_form=form, status=400)
    try:
        services.set_filters(user=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _overview_page(request, filters_form=form, refused=exc)
    messages.success(request, "Saved. Suggestions now fit what you chose.")
    return redirect("together")


def deck_order(user_key: str, activity_id: str) -> str:
    """Each person's own shuffle of the catalogue: it never depends on the partner's marks."""
    return hashlib.sha256(f"{user_key}:{activity_id}".encode()).hexdigest()


# A mark that came through garbled (a stale page, a lost field): say so, rather than show the
# same page again with a 400 and no word.
GARBLED_MARK = "That answer didn't come through. Please tap your choice again."


@login_required
@require_http_methods(["GET", "POST"])
def swipe(request: SignedInRequest) -> HttpResponse:
    user = request.user
    status, refused, form = 200, None, None
    if request.method == "POST":
        form = SwipeForm(request.POST)
        if form.is_valid():
            activity_id = form.cleaned_data["activity"]
            try:
                services.swipe(
                    user=user, activity_id=activity_id, choice=form.cleaned_data["choice"]
                )
            except DomainError as exc:
                refused = exc
            else:
                if activity_id in access.mutual_choices(user, Swipe.objects):
                    text = content.get("activities", activity_id) or {"text": ""}
                    messages.success(request, f"A match! You both want to: {text['text']}")
                return redirect("together_swipe")
        else:
            refused = InvalidInput(GARBLED_MARK)
    mine = reading.own_choices(user)
    catalogue = content.load("activities")
    left = sorted(
        (a for a in catalogue if a["id"] not in mine),
        key=lambda a: deck_order(str(user.uuid), a["id"]),
    )
    card = left[0] if left else None
    ctx: dict[str, Any] = {
        "card": card,
        "tags": tags_of(card) if card else [],
        "left": len(left),
        "total": len(catalogue),
        "marked": len(mine),
        "partner": access.partner_of(user),
        "form_errors": form.errors if form is not None and not form.is_valid() else None,
    }
    return _render(request, "swipe.html", ctx, status=status, refused=refused)


CHANGED = {
    Choice.YES: "Changed to yes.",
    Choice.MAYBE: "Changed to maybe.",
    Choice.NO: "Changed to no. Only you know.",
}


@login_required
@require_http_methods(["GET", "POST"])
def answers(request: SignedInRequest) -> HttpResponse:
    """This person's own marks, to change or take back. Only ever their own: the partner's
    marks never reach this page, and a change to "no" ends a match as if it never was."""
    user = request.user
    status, refused = 200, None
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            activity_id, choice = form.cleaned_data["activity"], form.cleaned_data["choice"]
            try:
                if choice == AnswerForm.TAKE_BACK:
                    services.clear_swipe(user=user, activity_id=activity_id)
                else:
                    services.swipe(user=user, activity_id=activity_id, choice=choice)
            except DomainError as exc:
                refused = exc
            else:
                if choice == AnswerForm.TAKE_BACK:
                    messages.success(request, "Taken back. It's back in your cards to mark.")
                elif activity_id in access.mutual_choices(user, Swipe.objects):
                    text = activity(activity_id)["text"]
                    messages.success(request, f"A match! You both want to: {text}")
                else:
                    messages.success(request, CHANGED[Choice(choice)])
                return redirect("together_answers")
        else:
            refused = InvalidInput(GARBLED_MARK)
    mine = reading.own_choices(user)
    groups = [
        (value, label, [a for a in content.load("activities") if mine.get(a["id"]) == value])
        for value, label in Choice.choices
    ]
    ctx: dict[str, Any] = {
        "groups": groups,
        "marked": len(mine),
        "choices": Choice.choices,
        "partner": access.partner_of(user),
    }
    return _render(request, "answers.html", ctx, status=status, refused=refused)


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request: SignedInRequest, activity_id: str) -> HttpResponse:
    user = request.user
    entry = _activity_or_404(activity_id)
    refused, status = None, 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.plan_activity(
                    user=user, activity_id=activity_id, **form.cleaned_data
                )
            except DomainError as exc:
                refused = exc
            else:
                messages.success(request, "Planned. It's on both your pages now.")
                return redirect("together_plan", uuid=plan.uuid)
        else:
            status = 400
    else:
        form = PlanForm()
    ctx = {"activity": entry, "tags": tags_of(entry), "form": form, "zone": user.tz.key}
    return _render(request, "plan_new.html", ctx, status=status, refused=refused)


def _plan_page(
    request: SignedInRequest,
    plan: Plan,
    *,
    form: HighlightForm | None = None,
    status: int = 200,
    refused: DomainError | None = None,
) -> HttpResponse:
    user = request.user
    plan = _plan_or_404(request, str(plan.uuid))  # read again: a reveal may have happened
    partner = access.partner_of(user)
    own = next((h for h in plan.readable_highlights if h.owner_id == user.pk), None)
    couple = access.current_couple(user)
    member = couple is not None and plan.couple_id == couple.pk
    can_write = (
        member and not plan.is_cancelled and plan.has_started() and plan.memory_revealed_at is None
    )
    if form is None and can_write:
        form = HighlightForm(
            initial={"text": own.text, "connection": own.connection} if own else None
        )
    ctx = {
        "plan": plan,
        "when": plan.when_for(user),
        "zone": user.tz.key,
        "partner": partner,
        "partner_when": plan.when_for(partner) if partner and partner.tz != user.tz else "",
        "own": own,
        "highlights": plan.readable_highlights,
        "form": form if can_write else None,
        "can_cancel": member and not plan.is_cancelled and not plan.has_started(),
        "tags": tags_of(plan.activity) if "kind" in plan.activity else [],
    }
    return _render(request, "plan.html", ctx, status=status, refused=refused)


@login_required
@require_GET
def plan(request: SignedInRequest, uuid: str) -> HttpResponse:
    return _plan_page(request, _plan_or_404(request, uuid))


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request: SignedInRequest, uuid: str) -> HttpResponse:
    """Cancelling asks first: a page (no JavaScript needed) with "Yes, cancel it". Only a POST
    that carries that confirmation cancels; any other request shows the question."""
    user = request.user
    target = _plan_or_404(request, uuid)
    confirm = request.POST.get("confirm") if request.method == "POST" else None
    if confirm == "yes":
        try:
            services.cancel_plan(user=user, plan=target)
        except DomainError as exc:
            return _plan_page(request, target, refused=exc)
        partner = access.partner_of(user)
        told = f" {partner.name} will see that it's cancelled." if partner else ""
        messages.success(request, f"Cancelled. No reminders will go out for it.{told}")
        return redirect("together_plan", uuid=target.uuid)
    try:
        services.check_cancellable(user=user, plan=target)
    except DomainError as exc:
        return _plan_page(request, target, refused=exc)
    ctx = {"plan": target, "when": target.when_for(user), "partner": access.partner_of(user)}
    # A confirmation that isn't "yes" is unusable input: ask again, with a 400.
    return _render(request, "cancel.html", ctx, status=200 if confirm is None else 400)


@login_required
@require_POST
def highlight(request: SignedInRequest, uuid: str) -> HttpResponse:
    target = _plan_or_404(request, uuid)
    form = HighlightForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, target, form=form, status=400)
    try:
        saved = services.write_highlight(user=request.user, plan=target, **form.cleaned_data)
    except DomainError as exc:
        return _plan_page(request, target, form=form, refused=exc)
    if saved.revealed_at:
        messages.success(request, "You have both written. Here is your memory.")
    else:
        messages.success(request, "Saved and sealed until you have both written yours.")
    return redirect("together_plan", uuid=target.uuid)


def _calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def plan_ics(request: SignedInRequest, uuid: str) -> HttpResponse:
    target = _plan_or_404(request, uuid)
    return _calendar_response(ics.one_plan(target), "time-together.ics")


@login_required
@require_GET
def memories(request: SignedInRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    first = chart.week_start(user.local_today(now)) - timedelta(weeks=chart.WEEKS)
    recent = list(
        reading.plans(user).filter(
            cancelled_at__isnull=True, starts_at__gte=first, starts_at__lte=now + timedelta(weeks=1)
        )
    )
    ctx = {
        "chart": chart.weekly(recent, user, now),
        "memories": [(p, p.when_for(user)) for p in reading.memories(user)[:50]],
        "partner": access.partner_of(user),
        # Highlights of plans that went with their maker's account stay their writer's.
        "kept_highlights": list(
            access.own(user, Highlight.objects.filter(plan__isnull=True)).order_by("-created_at")[
                :50
            ]
        ),
    }
    return _render(request, "memories.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: SignedInRequest) -> HttpResponse:
    user = request.user
    status = 200
    prefs = services.preferences_of(user)
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            services.set_preferences(user=user, **form.cleaned_data)
            messages.success(request, "Saved.")
            return redirect("together_calendar")
        status = 400
    else:
        form = PreferencesForm(
            initial={
                "reminders": prefs.reminders,
                "reminder_details": prefs.reminder_details,
                "feed_details": prefs.feed_details,
            }
        )
    feed = services.active_feed(user)
    ctx = {
        "form": form,
        "feed_url": request.build_absolute_uri(reverse("together_feed", args=[feed.token]))
        if feed
        else "",
    }
    return _render(request, "calendar.html", ctx, status=status)


@login_required
@require_POST
def feed_new(request: SignedInRequest) -> HttpResponse:
    services.new_feed(user=request.user)
    messages.success(
        request, "Here is your private calendar address. Any earlier one has stopped working."
    )
    return redirect("together_calendar")


@login_required
@require_POST
def feed_revoke(request: SignedInRequest) -> HttpResponse:
    services.revoke_feed(user=request.user)
    messages.success(request, "Your calendar address has stopped working.")
    return redirect("together_calendar")


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed: its secret token is its only authentication. Any token that is not a
    live one (unknown, revoked, malformed) answers 404, like any page that isn't there."""
    owner = services.feed_owner(token)
    if owner is None:
        raise Http404
    since = timezone.now() - timedelta(days=FEED_DAYS_BACK)
    plans = access.visible(owner, Plan.objects).filter(starts_at__gte=since).order_by("starts_at")
    body = ics.feed(plans, details=services.preferences_of(owner).feed_details)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response
