from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from attunement.accounts.forms import DeleteAccountForm
from attunement.couples import access, services
from attunement.couples.forms import InviteForm
from attunement.couples.models import Invitation


@login_required
@require_http_methods(["GET", "POST"])
def couple(request: HttpRequest) -> HttpResponse:
    """The pairing page: your partner, or a link to invite them."""
    partner = access.partner_of(request.user)
    form, link, status = InviteForm(), None, 200
    if request.method == "POST":
        form = InviteForm(request.POST)
        if partner is not None:
            form.add_error(None, "You are already paired with someone.")
        if form.is_valid():
            base = request.build_absolute_uri("/")
            _, raw = services.create_invitation(
                inviter=request.user, email=form.cleaned_data["email"], base_url=base
            )
            link = services.invitation_url(raw, base)
            if form.cleaned_data["email"]:
                messages.success(request, "We emailed your partner the link.")
            form = InviteForm()
        else:
            status = 400
    open_invitation = (
        Invitation.objects.filter(
            inviter=request.user, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .order_by("-created_at")
        .first()
    )
    ctx = {
        "partner": partner,
        "couple": access.current_couple(request.user),
        "form": form,
        "link": link,
        "open_invitation": open_invitation
        if open_invitation and open_invitation.is_open()
        else None,
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
    if request.method == "POST":
        try:
            services.accept_invitation(raw_token=token, user=request.user)
        except services.PairingError as exc:
            messages.error(request, str(exc))
            return render(
                request,
                "couples/join.html",
                {"invitation": invitation, "error": str(exc)},
                status=409,
            )
        request.session.pop("pending_invitation", None)
        messages.success(request, f"You and {invitation.inviter.name} are now paired.")
        return redirect("today")
    ctx = {
        "invitation": invitation,
        "already_paired": access.current_couple(request.user) is not None,
    }
    return render(request, "couples/join.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
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
def revoke(request: HttpRequest, uuid: str) -> HttpResponse:
    invitation = Invitation.objects.filter(inviter=request.user, uuid=uuid).first()
    if invitation is None:
        raise Http404
    services.revoke_invitation(invitation=invitation)
    messages.success(request, "That link no longer works.")
    return redirect("couple")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form, status = DeleteAccountForm(user=request.user), 200
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            logout(request)
            services.delete_account(user=user)
            messages.success(request, "Your account and everything you wrote are deleted.")
            return redirect("home")
        status = 400
    return render(request, "couples/delete_account.html", {"form": form}, status=status)
