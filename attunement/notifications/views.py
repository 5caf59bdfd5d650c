from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from attunement.accounts.http import SignedInRequest
from attunement.lib.errors import DomainError
from attunement.lib.pages import refusal
from attunement.notifications import reminders
from attunement.notifications.forms import RemindersForm


def _initial(request: SignedInRequest) -> dict[str, object]:
    user = request.user
    quiet = reminders.quiet_of(user)
    initial: dict[str, object] = {
        "quiet_on": quiet is not None,
        "quiet_start": quiet[0] if quiet else 22,
        "quiet_end": quiet[1] if quiet else 8,
    }
    for row in reminders.settings_for(user):
        initial[f"{row.kind}_on"] = row.enabled
        initial[f"{row.kind}_hour"] = row.hour
        initial[f"{row.kind}_day"] = row.weekday if row.weekday is not None else 0
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def reminders_page(request: SignedInRequest) -> HttpResponse:
    kinds = reminders.kinds()
    status = 200
    extra: dict[str, object] = {}
    if request.method == "POST":
        form = RemindersForm(request.POST, kinds=kinds)
        if form.is_valid():
            try:
                reminders.save_settings(
                    user=request.user,
                    choices=form.choices(),
                    quiet=form.quiet(),
                    now=timezone.now(),
                )
            except DomainError as error:
                extra, status = refusal(error)
            else:
                messages.success(request, "Saved. Reminders follow your own time zone.")
                return redirect("reminders")
        else:
            status = 400
    else:
        form = RemindersForm(initial=_initial(request), kinds=kinds)
    ctx = {"form": form, "tz": request.user.time_zone, **extra}
    return render(request, "notifications/reminders.html", ctx, status=status)
