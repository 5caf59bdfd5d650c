"""What insights gives a person's export: their weekly pulse, and the focus of the week of the
couples they were in (the couple's, chosen together: no one's private words)."""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Membership
from attunement.insights.models import FocusWeek, PulseAnswer
from attunement.lib.export import Counts, Table, build, skip_all

PULSE_FIELDS = ("week", "scores", "closeness", "share_closeness", "created_at")
PULSE = Table("pulse", PulseAnswer, PULSE_FIELDS, about="The person's own weekly pulse.")
FOCUS = Table(
    "focus_weeks",
    FocusWeek,
    ("week", "strategy", "actions", "picked_by_couple"),
    about="The focus of each week in the person's couples.",
)


class InsightsExport:
    section = "insights"
    tables: list[Table] = [PULSE, FOCUS]
    covers: tuple[str, ...] = ("insights.PulseAnswer",)

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        couples = Membership.objects.filter(user=user).values("couple")
        return {
            "pulse": PULSE.rows(access.own(user, PulseAnswer.objects).order_by("week", "pk")),
            "focus_weeks": FOCUS.rows(
                FocusWeek.objects.filter(couple__in=couples).order_by("week", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in rows.get("pulse", []):
            build(PulseAnswer, row, PULSE_FIELDS, owner=user).save()
            counts.restored["insights.pulse"] += 1
        skip_all(rows.get("focus_weeks", []), counts, "insights.focus_weeks")  # the couple's
