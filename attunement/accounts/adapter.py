from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.urls import reverse

# Someone who signed up through a partner's link meets the welcome once they have joined.
WELCOME_AFTER_JOINING = "welcome_after_joining"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def lockout_minutes(rates: str) -> int:
    """The longest window of the login_failed rate limits ("10/m/ip,5/5m/key" -> 5): the most
    anyone locked out waits."""
    longest = 60
    for rate in filter(None, (r.strip() for r in rates.split(","))):
        window = rate.split("/")[1]
        count = float(window[:-1] or 1)
        longest = max(longest, int(count * UNITS.get(window[-1], 60)))
    return max(1, -(-longest // 60))


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": (
            "Too many tries to log in, so logging in is paused for a while to keep your "
            "account safe. Try again in {minutes}, or use “Forgot your password?”."
        ),
    }

    def validation_error(self, code: str, *args: Any) -> ValidationError:
        if code == "too_many_login_attempts":
            minutes = lockout_minutes(settings.ACCOUNT_RATE_LIMITS.get("login_failed", ""))
            words = "a minute" if minutes == 1 else f"{minutes} minutes"
            message = self.error_messages[code].format(minutes=words)
            return ValidationError(message, code=code)
        error: ValidationError = super().validation_error(code, *args)
        return error

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # A pending invitation link brings a new partner back to it after sign-up or login.
        pending = request.session.get("pending_invitation")
        if pending:
            return f"/couple/join/{pending}/"
        url: str = super().get_login_redirect_url(request)
        return url

    def get_signup_redirect_url(self, request: HttpRequest) -> str:
        # A new person meets the welcome first, unless a partner's link is waiting for them.
        if request.session.get("pending_invitation"):
            request.session[WELCOME_AFTER_JOINING] = True  # couples.views.join honours it
            return self.get_login_redirect_url(request)
        return reverse("welcome")

    def render_mail(
        self,
        template_prefix: str,
        email: str,
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        # Emails name the app, not the host it happens to be reached at ("Hello from
        # 127.0.0.1:8101!"), whether or not a request is at hand.
        context = {**context, "site_name": settings.SITE_NAME}
        message: EmailMessage = super().render_mail(template_prefix, email, context, headers)
        return message
