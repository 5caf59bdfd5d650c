from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from attunement.accounts.forms import ProfileForm, TokenForm
from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import PersonalToken


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: SignedInRequest) -> HttpResponse:
    form, status = ProfileForm(instance=request.user), 200
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=request.user)
        if form.is_valid():
            user = form.save(commit=False)
            user.plan_next_reminder(timezone.now())
            user.save(
                update_fields=[
                    "display_name",
                    "time_zone",
                    "reminders_enabled",
                    "partner_emails",
                    "reminder_hour",
                    "next_reminder_at",
                ]
            )
            messages.success(request, "Saved.")
            return redirect("profile")
        request.user.refresh_from_db()
        status = 400
    return render(request, "accounts/profile.html", {"form": form}, status=status)


# A new token is shown once, on the page the creating POST redirects to, then forgotten.
NEW_TOKEN_KEY = "new_token"


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: SignedInRequest) -> HttpResponse:
    form, status = TokenForm(), 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _, raw = PersonalToken.issue(user=request.user, name=form.cleaned_data["name"])
            request.session[NEW_TOKEN_KEY] = raw
            return redirect("tokens")
        status = 400
    raw = request.session.pop(NEW_TOKEN_KEY, None)
    items = request.user.tokens.filter(revoked_at__isnull=True)
    return render(
        request, "accounts/tokens.html", {"form": form, "raw": raw, "tokens": items}, status=status
    )


@login_required
@require_POST
def revoke_token(request: SignedInRequest, uuid: str) -> HttpResponse:
    if not PersonalToken.revoke(user=request.user, uuid=uuid):
        raise Http404
    messages.success(request, "Token revoked. Apps using it are signed out.")
    return redirect("tokens")
