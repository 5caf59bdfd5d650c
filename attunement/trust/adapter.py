"""allauth's adapters, set in settings: every account email goes through notifications.emails,
a new password ends every personal token, and logging out stops that device's notifications."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from attunement.accounts.adapter import AccountAdapter as BaseAccountAdapter
from attunement.accounts.models import PersonalToken, User
from attunement.lib import crypto
from attunement.lib.qr import qr_svg
from attunement.notifications import emails, push
from attunement.trust.models import Session, hash_session_key

# allauth's notification templates, each mapped to one content-free sentence.
NOTIFICATIONS = {
    "account/email/password_changed": "password_changed",
    "account/email/password_set": "password_changed",
    "account/email/password_reset": "password_reset",
    "account/email/email_changed": "email_changed",
    "account/email/email_deleted": "email_removed",
    "account/email/email_confirm": "email_confirmed",
    "mfa/email/totp_activated": "two_factor_on",
    "mfa/email/totp_deactivated": "two_factor_off",
    "mfa/email/recovery_codes_generated": "recovery_codes",
}


def primary_address(user: User) -> str:
    return EmailAddress.objects.get_primary_email(user) or user.email


class AccountAdapter(BaseAccountAdapter):
    def send_notification_mail(
        self,
        template_prefix: str,
        user: User,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        change = NOTIFICATIONS.get(template_prefix)
        if change is None:
            return
        emails.account_changed(to=email or primary_address(user), change=change)
        # The address that was taken away hears of it too: it is the "old" one.
        removed = (context or {}).get("deleted_email")
        if removed:
            emails.account_changed(to=removed, change=change)

    def send_confirmation_mail(
        self, request: HttpRequest, emailconfirmation: Any, signup: bool
    ) -> None:
        super().send_confirmation_mail(request, emailconfirmation, signup)
        address = emailconfirmation.email_address
        if not signup and not address.primary:
            # Someone added an address: the address in use hears of it before anything else.
            emails.account_changed(to=primary_address(address.user), change="email_added")

    def set_password(self, user: User, password: str) -> None:
        """A changed or reset password also ends every personal token and every other login:
        whatever someone made or opened with the old password stops working."""
        super().set_password(user, password)
        PersonalToken.revoke_all(user=user)
        session = getattr(self.request, "session", None)
        current = hash_session_key(session.session_key) if session and session.session_key else ""
        Session.objects.filter(user=user).exclude(session_key=current).delete()
        push.forget_sessions(user=user, except_session=current)

    def logout(self, request: HttpRequest) -> None:
        """Logging out of a device also stops notifications there: it may be shared."""
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and session.session_key and isinstance(user, User):
            push.forget_session(user=user, session_key=hash_session_key(session.session_key))
        super().logout(request)


class MFAAdapter(DefaultMFAAdapter):
    # allauth's messages speak of "two-factor authentication"; the pages call it two-step login.
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": "That code didn't work. App codes change every 30 seconds: "
        "type the one it shows now.",
        "add_email_blocked": "Turn off two-step login before adding another email address.",
        "cannot_delete_authenticator": "Two-step login can't be turned off right now.",
        "cannot_generate_recovery_codes": "Turn on two-step login first: "
        "recovery codes come with it.",
        "unverified_email": "Confirm your email address first (look for our email), "
        "then turn on two-step login.",
    }

    def build_totp_svg(self, url: str) -> str:
        # The project's own QR drawing (segno), drawn on the server.
        return str(qr_svg(url, title="QR code for your authenticator app"))

    # The authenticator's secret is encrypted at rest like free text: a leaked database file
    # must not let anyone make codes.
    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
