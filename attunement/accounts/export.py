"""What accounts gives a person's export: the profile, their email addresses, token names."""

from typing import Any
from zoneinfo import available_timezones

from allauth.account.models import EmailAddress

from attunement.accounts.models import PersonalToken, User
from attunement.lib.export import Counts, Table, skip_all
from attunement.lib.names import clean_name

PROFILE = Table(
    "profile",
    User,
    (
        "email",
        "display_name",
        "time_zone",
        "partner_emails",
        "date_joined",
    ),
    about="The person: one row.",
)
EMAILS = Table("email_addresses", EmailAddress, ("email", "verified", "primary"))
# A token's name, scope and dates; never its hash (nor the secret, which is never stored).
TOKENS = Table(
    "tokens",
    PersonalToken,
    ("name", "prefix", "scope", "created_at", "expires_at", "last_used_at", "revoked_at"),
    about="Personal access tokens: names and dates only. They are not restored by an import.",
)
RESTORED = ("display_name", "time_zone", "partner_emails")


class AccountsExport:
    section = "accounts"
    tables: list[Table] = [PROFILE, EMAILS, TOKENS]
    covers: tuple[str, ...] = ("accounts.User", "accounts.PersonalToken", "account.EmailAddress")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        return {
            "profile": PROFILE.rows(User.objects.filter(pk=user.pk)),
            "email_addresses": EMAILS.rows(EmailAddress.objects.filter(user=user).order_by("pk")),
            "tokens": TOKENS.rows(
                PersonalToken.objects.filter(user=user).order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in rows.get("profile", [])[:1]:
            for name in RESTORED:
                setattr(user, name, row[name])
            user.display_name = clean_name(user.display_name)
            if user.time_zone not in available_timezones():
                user.time_zone = "UTC"
            user.full_clean(exclude=["password", "email"])
            user.save(update_fields=list(RESTORED))
            counts.restored["accounts.profile"] += 1
        # The address the person logs in with is the one the import was given; other
        # addresses would need confirming again, and tokens are secrets that were never kept.
        others = [r for r in rows.get("email_addresses", []) if r["email"] != user.email]
        skip_all(others, counts, "accounts.email_addresses")
        skip_all(rows.get("tokens", []), counts, "accounts.tokens")
