"""Settings pages that guard the account: personal tokens and where you're logged in."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import PersonalToken
from attunement.accounts.reauth import recent_login_required
from attunement.notifications import emails, push
from attunement.trust.adapter import primary_address
from attunement.trust.devices import describe
from attunement.trust.forms import TokenForm
from attunement.trust.models import Session, hash_session_key

# A new token is shown once, on the page the creating POST redirects to, then forgotten.
NEW_TOKEN_KEY = "new_token"


@login_required
@require_http_methods(["GET", "POST"])
@recent_login_required
def tokens(request: SignedInRequest) -> HttpResponse:
    form, status = TokenForm(), 200
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            _, raw = PersonalToken.issue(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                scope=form.cleaned_data["scope"],
            )
            emails.account_changed(to=primary_address(request.user), change="token_created")
            request.session[NEW_TOKEN_KEY] = raw
            return redirect("tokens")
        status = 400
    raw = request.session.pop(NEW_TOKEN_KEY, None)
    items = PersonalToken.usable().filter(user=request.user)
    return render(
        request, "trust/tokens.html", {"form": form, "raw": raw, "tokens": items}, status=status
    )


@login_required
@require_POST
def revoke_token(request: SignedInRequest, uuid: str) -> HttpResponse:
    if not PersonalToken.revoke(user=request.user, uuid=uuid):
        raise Http404
    messages.success(request, "Token revoked. Apps using it are signed out.")
    return redirect("tokens")


def _current_key(request: SignedInRequest) -> str:
    return hash_session_key(request.session.session_key or "")


@login_required
@require_http_methods(["GET"])
def sessions(request: SignedInRequest) -> HttpResponse:
    current = _current_key(request)
    rows = Session.objects.filter(user=request.user, expire_date__gt=timezone.now()).order_by(
        "-last_seen_at"
    )
    devices = [
        {
            "uuid": row.uuid,
            "browser": describe(row.user_agent),
            "last_seen_at": row.last_seen_at,
            "created_at": row.created_at,
            "current": row.session_key == current,
        }
        for row in rows
    ]
    devices.sort(key=lambda d: not d["current"])
    return render(request, "trust/sessions.html", {"devices": devices})


@login_required
@require_POST
def end_session(request: SignedInRequest, uuid: str) -> HttpResponse:
    row = Session.objects.filter(user=request.user, uuid=uuid).first()
    if row is None:
        raise Http404
    push.forget_session(user=request.user, session_key=row.session_key)
    if row.session_key == _current_key(request):
        logout(request)
        return redirect("account_login")
    row.delete()
    messages.success(request, "That device is logged out.")
    return redirect("sessions")


@login_required
@require_POST
def end_other_sessions(request: SignedInRequest) -> HttpResponse:
    """Log out everywhere else, and stop every personal token: whoever else had a way in
    loses it."""
    current = _current_key(request)
    Session.objects.filter(user=request.user).exclude(session_key=current).delete()
    PersonalToken.revoke_all(user=request.user)
    push.forget_sessions(user=request.user, except_session=current)
    messages.success(request, "You're logged out everywhere else, and every token is stopped.")
    return redirect("sessions")
