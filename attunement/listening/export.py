"""What listening gives a person's export: the conversations they took part in, the turns
they may read in them (their own; the partner's while the couple lasts), their own ratings.

The partner's ratings are private (only ever an average), so they are never in it.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.export import FROM_PARTNER, Counts, Table, marked, skip_all
from attunement.listening.models import Conversation, Rating, Turn

CONVERSATIONS = Table(
    "conversations",
    Conversation,
    (
        "uuid",
        "mode",
        "topic_id",
        "own_topic",
        "level",
        "timer_minutes",
        "state",
        "created_at",
        "ended_at",
    ),
    computed={"from_partner": {"type": "boolean", "description": "started by the partner"}},
    about="Conversations the person took part in; they need both people, so they stay behind "
    "on an import.",
)
TURNS = Table(
    "turns",
    Turn,
    ("conversation_uuid:conversation__uuid", "seq", "kind", "text", "verdict", "created_at"),
    computed=FROM_PARTNER,
)
RATINGS = Table(
    "ratings",
    Rating,
    (
        "conversation_uuid:conversation__uuid",
        "felt_heard",
        "helped",
        "note",
        "counts_for_partner",
        "created_at",
    ),
    about="How heard the person felt: their own ratings only.",
)


class ListeningExport:
    section = "listening"
    tables: list[Table] = [CONVERSATIONS, TURNS, RATINGS]
    covers: tuple[str, ...] = ("listening.Conversation", "listening.Turn", "listening.Rating")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)
        taken = access.took_part_in(user, Conversation.objects)
        turns = access.visible(user, Turn.objects).filter(conversation__in=taken.values("pk"))
        return {
            "conversations": CONVERSATIONS.rows(
                taken.annotate(**mark).order_by("created_at", "pk")
            ),
            "turns": TURNS.rows(turns.annotate(**mark).order_by("conversation_id", "seq")),
            "ratings": RATINGS.rows(access.own(user, Rating.objects).order_by("created_at", "pk")),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        # A conversation is between two people, and the other one is not on this instance.
        for table in ("conversations", "turns", "ratings"):
            skip_all(rows.get(table, []), counts, f"listening.{table}")
