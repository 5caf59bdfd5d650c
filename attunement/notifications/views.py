import hashlib
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from attunement.accounts.http import SignedInRequest
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.notifications import push, reminders
from attunement.notifications.forms import RemindersForm
from attunement.notifications.models import PushSubscription


def _initial(request: SignedInRequest) -> dict[str, object]:
    user = request.user
    quiet = reminders.quiet_of(user)
    initial: dict[str, object] = {
        "quiet_on": quiet is not None,
        "quiet_start": quiet[0] if quiet else 22,
        "quiet_end": quiet[1] if quiet else 8,
        "delivery": push.channel_of(user),
    }
    for row in reminders.settings_for(user):
        initial[f"{row.kind}_on"] = row.enabled
        initial[f"{row.kind}_hour"] = row.hour
        initial[f"{row.kind}_day"] = row.weekday if row.weekday is not None else 0
    return initial


def _devices(request: SignedInRequest) -> list[str]:
    """This person's devices with notifications on, as SHA-256 of their addresses: the page
    compares the browser's own subscription against them without the addresses in the page."""
    endpoints = PushSubscription.objects.filter(user=request.user).values_list(
        "endpoint", flat=True
    )
    return [hashlib.sha256(e.encode()).hexdigest() for e in endpoints]


@login_required
@require_http_methods(["GET", "POST"])
def reminders_page(request: SignedInRequest) -> HttpResponse:
    kinds = reminders.kinds()
    with_push = push.configured()
    status = 200
    extra: dict[str, object] = {}
    if request.method == "POST":
        form = RemindersForm(request.POST, kinds=kinds, push=with_push)
        if form.is_valid():
            try:
                reminders.save_settings(
                    user=request.user,
                    choices=form.choices(),
                    quiet=form.quiet(),
                    now=timezone.now(),
                    delivery=form.delivery_choice(),
                )
            except DomainError as error:
                extra, status = refusal(error)
            else:
                messages.success(request, "Saved. Reminders follow your own time zone.")
                return redirect("reminders")
        else:
            status = 400
    else:
        form = RemindersForm(initial=_initial(request), kinds=kinds, push=with_push)
    ctx = {"form": form, "tz": request.user.time_zone, "push": with_push, **extra}
    if with_push:
        ctx["push_key"] = push.application_server_key()
        ctx["push_devices"] = _devices(request)
    return render(request, "notifications/reminders.html", ctx, status=status)


def _json_body(request: SignedInRequest) -> dict[str, object]:
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        raise push.PushError("We couldn't read what your browser sent. Please try again.") from None
    if not isinstance(body, dict):
        raise push.PushError("We couldn't read what your browser sent. Please try again.")
    return body


def _text(body: dict[str, object], *path: str, limit: int) -> str:
    value: object = body
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value or len(value) > limit:
        raise push.PushError("Your browser sent an incomplete notification address.")
    return value


def _refused(error: DomainError) -> JsonResponse:
    return JsonResponse({"detail": str(error)}, status=400)


@login_required
@require_POST
def push_on(request: SignedInRequest) -> HttpResponse:
    """The page's script posts this browser's push subscription (JSON, as the browser's
    `subscription.toJSON()` gives it)."""
    if not push.configured():
        raise Http404
    try:
        body = _json_body(request)
        # Not kept (a push service says when a device is gone), but a browser only ever sends
        # a number or null here: anything else is not a subscription.
        expires = body.get("expirationTime")
        if isinstance(expires, bool) or not isinstance(expires, int | float | None):
            raise push.PushError("We couldn't read what your browser sent. Please try again.")
        push.subscribe(
            user=request.user,
            endpoint=_text(body, "endpoint", limit=1000),
            p256dh=_text(body, "keys", "p256dh", limit=200),
            auth=_text(body, "keys", "auth", limit=100),
            # Hashed as trust.models.hash_session_key keeps it, so logging out ends it too.
            session_key=hashlib.sha256((request.session.session_key or "").encode()).hexdigest(),
        )
    except DomainError as error:
        return _refused(error)
    return JsonResponse({"detail": "Notifications are on for this device."}, status=201)


@login_required
@require_POST
def push_off(request: SignedInRequest) -> HttpResponse:
    """Stop notifications on this browser (JSON: its subscription's endpoint)."""
    if not push.configured():
        raise Http404
    try:
        endpoint = _text(_json_body(request), "endpoint", limit=1000)
    except DomainError as error:
        return _refused(error)
    push.unsubscribe(user=request.user, endpoint=endpoint)
    return JsonResponse({"detail": "Notifications are off for this device."})
