from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from attunement.accounts import hooks, portability
from attunement.accounts.forms import ProfileForm
from attunement.accounts.http import SignedInRequest
from attunement.accounts.reauth import recent_login_required


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    form, status = ProfileForm(instance=request.user), 200
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            zone_changed = "time_zone" in form.changed_data
            user = form.save(commit=False)
            user.save(update_fields=["display_name", "time_zone", "partner_emails"])
            if zone_changed:
                hooks.time_zone_changed(user, timezone.now())
            messages.success(request, "Saved.")
            return redirect("profile")
        request.user.refresh_from_db()
        status = 400
    return render(request, "accounts/profile.html", {"form": form}, status=status)


@login_required
@require_GET
@recent_login_required(on_get=True)
def download_data(request: SignedInRequest) -> HttpResponse:
    """Everything the person wrote and everything about them, as one JSON file: after
    "Confirm it's you", since it hands the whole history out (docs/export.md)."""
    now = timezone.now()
    document = portability.export_document(request.user, now)
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f"attachment; filename={portability.filename(now)}"
    response["Cache-Control"] = "no-store"
    return response
