from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.safety import care, services
from attunement.safety.forms import DeleteEntryForm, JournalForm, MisreadForm, ScreenForm
from attunement.safety.hooks import JOINT_OFF_MESSAGE, joint_exercises_allowed
from attunement.safety.models import JournalEntry, ScreenResult

JOURNAL_PAGE = 20


@login_required
@require_GET
def safety_home(request: SignedInRequest) -> HttpResponse:
    region = care.region_or_default(request.GET.get("region"), request.user.time_zone)
    couple = access.current_couple(request.user)
    ctx = {
        "region": region,
        "regions": care.regions(),
        "resources": care.resources(region),
        "latest": services.latest_answered_screen(request.user),
        "joint_off": JOINT_OFF_MESSAGE if not joint_exercises_allowed(couple) else "",
    }
    return render(request, "safety/home.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def screen(request: SignedInRequest) -> HttpResponse:
    ctx: dict[str, Any]
    ctx, form, status = {}, ScreenForm(), 200
    if request.method == "POST":
        form = ScreenForm(request.POST)
        if not form.is_valid():
            status = 400
        else:
            try:
                result = services.submit_screen(user=request.user, answers=form.answers())
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                return redirect("safety_screen_result", uuid=result.uuid)
    ctx |= {"form": form, "texts": content.screen_texts()}
    return render(request, "safety/screen.html", ctx, status=status)


@login_required
@require_GET
def screen_result(request: SignedInRequest, uuid: str) -> HttpResponse:
    result = access.get_own_or_404(
        request.user, ScreenResult.objects.filter(skipped=False), uuid=uuid
    )
    return render(request, "safety/screen_result.html", {"result": result.to_dict()})


@login_required
@require_POST
def screen_skip(request: SignedInRequest) -> HttpResponse:
    if not services.has_screen_in_current_couple(request.user):
        services.skip_screen(user=request.user)
    messages.success(
        request, "No problem. The safety check is on the Safety & care page whenever you want it."
    )
    return redirect("today")


@require_GET
def quick_exit_info(request: HttpRequest) -> HttpResponse:
    return render(request, "safety/quick_exit.html")


@require_GET
def quick_exit_go(request: HttpRequest) -> HttpResponse:
    """Quick exit, with or without JavaScript: sign out, have the browser drop this site's
    cookies and cached pages (Clear-Site-Data; honoured on HTTPS and localhost), then go to the
    neutral site. Back, or the site from history, then shows the sign-in page, never the
    journal. A plain GET on purpose: it must work from a plain link, and signing someone out is
    all a forged link could do."""
    logout(request)
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["Clear-Site-Data"] = '"cache", "cookies"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def journal(request: SignedInRequest) -> HttpResponse:
    ctx: dict[str, Any]
    ctx, form, status = {}, JournalForm(), 200
    if request.method == "POST":
        form = JournalForm(request.POST)
        if not form.is_valid():
            status = 400
        else:
            try:
                services.write_journal_entry(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                messages.success(request, "Saved in your journal. Only you can read it.")
                return redirect("journal")
    entries = access.own(request.user, JournalEntry.objects)
    ctx |= {
        "form": form,
        "page": Paginator(entries, JOURNAL_PAGE).get_page(request.GET.get("page")),
    }
    return render(request, "safety/journal.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def journal_entry(request: SignedInRequest, uuid: str) -> HttpResponse:
    entry = access.get_own_or_404(request.user, JournalEntry.objects, uuid=uuid)
    ctx: dict[str, Any]
    ctx, form, status = {}, JournalForm(initial={"text": entry.text}), 200
    if request.method == "POST":
        form = JournalForm(request.POST)
        if not form.is_valid():
            status = 400
        else:
            try:
                services.edit_journal_entry(entry=entry, **form.cleaned_data)
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                messages.success(request, "Saved.")
                return redirect("journal")
    ctx |= {"entry": entry, "form": form}
    return render(request, "safety/journal_entry.html", ctx, status=status)


@login_required
@require_POST
def journal_delete(request: SignedInRequest, uuid: str) -> HttpResponse:
    entry = access.get_own_or_404(request.user, JournalEntry.objects, uuid=uuid)
    confirm = DeleteEntryForm(request.POST)
    if not confirm.is_valid():
        ctx = {
            "entry": entry,
            "form": JournalForm(initial={"text": entry.text}),
            "delete_form": confirm,
        }
        return render(request, "safety/journal_entry.html", ctx, status=400)
    services.delete_journal_entry(entry=entry)
    messages.success(request, "Deleted.")
    return redirect("journal")


@login_required
@require_POST
def misread(request: SignedInRequest) -> HttpResponse:
    """ "This isn't what I meant": hide the care card; only a count of false alarms is kept."""
    form = MisreadForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            "That request wasn't clear. Go back and try the button again.", status=400
        )
    services.mark_misread(user=request.user)
    request.session.pop(care.SESSION_KEY, None)  # a card not yet shown stays hidden too
    messages.success(request, "Hidden. Thank you for telling us; your words were not kept.")
    target = form.cleaned_data["next"]
    on_this_site = target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    )
    return HttpResponseRedirect(target if on_this_site else reverse("today"))
