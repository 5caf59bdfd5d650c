"""What support gives a person's export: check-ins, responses and appreciations.

The partner's check-ins, responses and appreciations only where they were shared with the
person (the gate's `visible`), marked; a partner's private check-in never.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.export import FROM_PARTNER, Counts, Table, build, marked, own_rows, skip_all
from attunement.support.models import Appreciation, CheckIn, Response

CHECK_IN_FIELDS = (
    "local_date",
    "feelings",
    "intensity",
    "energy",
    "need",
    "note",
    "visibility",
    "created_at",
    "turned_toward_at",
)
CHECK_INS = Table("check_ins", CheckIn, ("uuid", *CHECK_IN_FIELDS), computed=FROM_PARTNER)
RESPONSES = Table(
    "responses",
    Response,
    ("check_in_uuid:check_in__uuid", "quick", "message", "created_at"),
    computed=FROM_PARTNER,
    about="Turning toward a check-in: the person's own, and the partner's to them.",
)
APPRECIATIONS = Table(
    "appreciations",
    Appreciation,
    ("text", "visibility", "created_at"),
    computed=FROM_PARTNER,
    about="Appreciations the person wrote, and those the partner wrote to them.",
)


class SupportExport:
    section = "support"
    tables: list[Table] = [CHECK_INS, RESPONSES, APPRECIATIONS]
    covers: tuple[str, ...] = ("support.CheckIn", "support.Response", "support.Appreciation")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)
        return {
            "check_ins": CHECK_INS.rows(
                access.visible(user, CheckIn.objects).annotate(**mark).order_by("created_at", "pk")
            ),
            "responses": RESPONSES.rows(
                access.visible(user, Response.objects).annotate(**mark).order_by("created_at", "pk")
            ),
            "appreciations": APPRECIATIONS.rows(
                access.visible(user, Appreciation.objects)
                .annotate(**mark)
                .order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in own_rows(rows.get("check_ins", []), counts, "support.check_ins"):
            build(CheckIn, row, CHECK_IN_FIELDS, owner=user).save()
            counts.restored["support.check_ins"] += 1
        # A response answers the partner's check-in; an appreciation is written to the partner.
        skip_all(rows.get("responses", []), counts, "support.responses")
        skip_all(rows.get("appreciations", []), counts, "support.appreciations")
