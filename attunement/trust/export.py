"""What trust gives a person's export: where they are logged in and which second factors they
set up, by kind and date only. Never a session key, a code or a second factor's secret."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.utils import timezone

from attunement.accounts.models import User
from attunement.lib.export import Counts, Table, skip_all
from attunement.trust.models import Session

SESSIONS = Table(
    "sessions",
    Session,
    ("user_agent", "created_at", "last_seen_at"),
    about="Devices the person is logged in on (a rough browser name).",
)
SECOND_FACTORS = Table(
    "two_step_login",
    Authenticator,
    ("type", "created_at", "last_used_at"),
    about="Two-step login methods set up (never their secrets); set them up again after an import.",
)


class TrustExport:
    section = "trust"
    tables: list[Table] = [SESSIONS, SECOND_FACTORS]
    covers: tuple[str, ...] = ("trust.Session", "mfa.Authenticator")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        return {
            "sessions": SESSIONS.rows(
                Session.objects.filter(user=user, expire_date__gt=timezone.now()).order_by(
                    "created_at"
                )
            ),
            "two_step_login": SECOND_FACTORS.rows(
                Authenticator.objects.filter(user=user).order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        skip_all(rows.get("sessions", []), counts, "trust.sessions")
        skip_all(rows.get("two_step_login", []), counts, "trust.two_step_login")
