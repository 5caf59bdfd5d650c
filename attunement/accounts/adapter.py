from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.mail import EmailMessage
from django.http import HttpRequest
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
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
