"""What together gives a person's export: their swipes, the plans and memories they may read,
their preferences and calendar links (names and dates, never the link's secret).

A partner's swipe never (a "no" never leaves the gate); a partner's memory once revealed.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.export import FROM_PARTNER, Counts, Table, build, marked, skip_all
from attunement.together.models import CalendarFeed, Highlight, Plan, Preferences, Swipe

SWIPES = Table(
    "swipes",
    Swipe,
    ("activity_id", "choice", "created_at", "updated_at"),
    about="The person's own yes, maybe and no, in the couple they were in.",
)
PLANS = Table(
    "plans",
    Plan,
    (
        "uuid",
        "activity_id",
        "starts_at",
        "minutes",
        "time_zone",
        "place",
        "note",
        "cancelled_at",
        "memory_revealed_at",
        "created_at",
    ),
    computed=FROM_PARTNER,
)
HIGHLIGHTS = Table(
    "memories",
    Highlight,
    ("plan_uuid:plan__uuid", "text", "connection", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
)
PREFERENCE_FIELDS = ("reminders", "reminder_details", "feed_details")
PREFERENCES = Table("preferences", Preferences, PREFERENCE_FIELDS)
FEEDS = Table(
    "calendar_links",
    CalendarFeed,
    ("created_at", "revoked_at"),
    about="Calendar subscription links the person made: when, never the link itself.",
)


class TogetherExport:
    section = "together"
    tables: list[Table] = [SWIPES, PLANS, HIGHLIGHTS, PREFERENCES, FEEDS]
    covers: tuple[str, ...] = (
        "together.Swipe",
        "together.Plan",
        "together.Highlight",
        "together.Preferences",
        "together.CalendarFeed",
    )

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)
        return {
            "swipes": SWIPES.rows(access.own(user, Swipe.objects).order_by("created_at", "pk")),
            "plans": PLANS.rows(
                access.visible(user, Plan.objects).annotate(**mark).order_by("starts_at", "pk")
            ),
            "memories": HIGHLIGHTS.rows(
                access.visible(user, Highlight.objects)
                .annotate(**mark)
                .order_by("created_at", "pk")
            ),
            "preferences": PREFERENCES.rows(Preferences.objects.filter(user=user)),
            "calendar_links": FEEDS.rows(
                CalendarFeed.objects.filter(user=user).order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in rows.get("preferences", [])[:1]:
            build(Preferences, row, PREFERENCE_FIELDS, user=user).save()
            counts.restored["together.preferences"] += 1
        # Swipes, plans and memories belong to a couple's time together; calendar links are
        # secrets that were never exported.
        for table in ("swipes", "plans", "memories", "calendar_links"):
            skip_all(rows.get(table, []), counts, f"together.{table}")
