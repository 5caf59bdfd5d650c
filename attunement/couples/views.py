from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from attunement.accounts.forms import DeleteAccountForm
from attunement.accounts.http import SignedInRequest
from attunement.accounts.reauth import recent_login_required
from attunement.couples import access, services
from attunement.couples.forms import InviteForm
from attunement.couples.models import Invitation
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.lib.qr import qr_svg
from attunement.notifications import emails

# The raw link of the inviter's open invitation, kept in their own session only: the database
# stores a hash, and refreshing the page must neither lose the link nor make a new one.
INVITE_LINK_KEY = "invite_link"


@login_required
@require_http_methods(["GET", "POST"])
def couple(request: SignedInRequest) -> HttpResponse:
    """The pairing page: your partner, or a link to invite them (post/redirect/get)."""
    ctx: dict[str, Any]
    ctx, form, status = {}, InviteForm(), 200
    if request.method == "POST":
        form = InviteForm(request.POST)
        if not form.is_valid():
            status = 400
        else:
            base = request.build_absolute_uri("/")
            email = form.cleaned_data["email"]
            try:
                invitation, raw = services.create_invitation(
                    inviter=request.user, email=email, base_url=base
                )
            except DomainError as exc:
                ctx, status = refusal(exc)
            else:
                request.session[INVITE_LINK_KEY] = {
                    "uuid": str(invitation.uuid),
                    "url": services.invitation_url(raw, base),
                }
                if email:
                    messages.success(request, "We emailed your partner the link.")
                return redirect("couple")
    open_invitation = services.open_invitation_of(request.user)
    saved = request.session.get(INVITE_LINK_KEY) or {}
    link = None
    if open_invitation is not None and saved.get("uuid") == str(open_invitation.uuid):
        link = saved.get("url")
    ctx |= {
        "partner": access.partner_of(request.user),
        "couple": access.current_couple(request.user),
        "form": form,
        "link": link,
        "link_qr": qr_svg(link) if link else "",
        "open_invitation": open_invitation,
    }
    return render(request, "couples/couple.html", ctx, status=status)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """Where an invitation link lands. Works signed out (sign up / log in first) and signed in."""
    invitation = services.find_open_invitation(token)
    if invitation is None:
        request.session.pop("pending_invitation", None)
        return render(request, "couples/join_invalid.html", status=404)
    if not request.user.is_authenticated:
        request.session["pending_invitation"] = token
        return render(request, "couples/join.html", {"invitation": invitation})
    ctx: dict[str, Any]
    ctx, status = {}, 200
    if request.method == "POST":
        try:
            services.accept_invitation(raw_token=token, user=request.user)
        except DomainError as exc:
            ctx, status = refusal(exc)
        else:
            request.session.pop("pending_invitation", None)
            messages.success(request, f"You and {invitation.inviter.name} are now paired.")
            return redirect("today")
    ctx |= {
        "invitation": invitation,
        "own_link": invitation.inviter_id == request.user.pk,
        "already_paired": access.current_couple(request.user) is not None,
    }
    return render(request, "couples/join.html", ctx, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: SignedInRequest) -> HttpResponse:
    partner = access.partner_of(request.user)
    if partner is None:
        return redirect("couple")
    if request.method == "POST":
        services.leave_couple(user=request.user)
        messages.success(request, "You have left the couple. What you wrote stays with you.")
        return redirect("today")
    return render(request, "couples/leave.html", {"partner": partner})


@login_required
@require_POST
def revoke(request: SignedInRequest, uuid: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation, inviter=request.user, uuid=uuid)
    services.revoke_invitation(invitation=invitation)
    messages.success(request, "That link no longer works.")
    return redirect("couple")


@login_required
@require_http_methods(["GET", "POST"])
@recent_login_required
def delete_account(request: SignedInRequest) -> HttpResponse:
    form, status = DeleteAccountForm(user=request.user), 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user, address = request.user, request.user.email
            logout(request)
            services.delete_account(user=user)
            emails.account_changed(to=address, change="account_deleted")
            messages.success(request, "Your account and everything you wrote are deleted.")
            return redirect("home")
        status = 400
    return render(request, "couples/delete_account.html", {"form": form}, status=status)
