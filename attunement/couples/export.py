"""What couples gives a person's export: the couples they were in, and invitations they sent.

Of the partner, only the display name: never their address or anything they wrote.
"""

from typing import Any

from django.db.models import OuterRef, Subquery

from attunement.accounts.models import User
from attunement.couples.models import Invitation, Membership
from attunement.lib.export import Counts, Table, skip_all

PARTNER_NAME = {"partner_name": {"type": ["string", "null"], "description": "display name"}}
MEMBERSHIPS = Table(
    "couples",
    Membership,
    (
        "couple_uuid:couple__uuid",
        "couple_created_at:couple__created_at",
        "couple_ended_at:couple__ended_at",
        "joined_at",
        "left_at",
    ),
    computed=PARTNER_NAME,
    about="Couples the person was in; a couple cannot be restored without the partner.",
)
INVITATIONS = Table(
    "invitations",
    Invitation,
    ("created_at", "expires_at", "accepted_at", "revoked_at"),
    about="Pairing links the person made (never the link itself).",
)


class CouplesExport:
    section = "couples"
    tables: list[Table] = [MEMBERSHIPS, INVITATIONS]
    covers: tuple[str, ...] = ("couples.Membership", "couples.Invitation")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        partner = (
            Membership.objects.filter(couple=OuterRef("couple"))
            .exclude(user=user)
            .values("user__display_name")[:1]
        )
        memberships = (
            Membership.objects.filter(user=user)
            .annotate(partner_name=Subquery(partner))
            .order_by("joined_at", "pk")
        )
        return {
            "couples": MEMBERSHIPS.rows(memberships),
            "invitations": INVITATIONS.rows(
                Invitation.objects.filter(inviter=user).order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        # The partner is not on this instance: couples and their links do not come back.
        skip_all(rows.get("couples", []), counts, "couples.couples")
        skip_all(rows.get("invitations", []), counts, "couples.invitations")
