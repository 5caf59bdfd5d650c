"""What differences gives a person's export: their style takes and their guesses.

The partner's take only while they share their profile with the person, and the partner's
guess of the person once both were revealed; both marked.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.differences.models import CardTalk, StyleGuess, StyleTake
from attunement.lib.export import FROM_PARTNER, Counts, Table, build, marked, own_rows, skip_all

TAKE_FIELDS = ("answers", "scores", "completed_at", "visibility", "created_at")
TAKES = Table(
    "style_takes",
    StyleTake,
    TAKE_FIELDS,
    computed=FROM_PARTNER,
    about="Style takes. On the partner's shared take, only the scores the app shows them: its "
    "statement-by-statement answers are null.",
)
GUESSES = Table(
    "style_guesses",
    StyleGuess,
    ("scores", "visibility", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
    about="Guesses of the partner's style (and the partner's of the person, once revealed).",
)
TALKS = Table(
    "card_talks",
    CardTalk,
    ("card_id", "talked_on", "created_at"),
    computed=FROM_PARTNER,
    about="Difference cards the couple marked as talked about (by either of them).",
)


class DifferencesExport:
    section = "differences"
    tables: list[Table] = [TAKES, GUESSES, TALKS]
    covers: tuple[str, ...] = (
        "differences.StyleTake",
        "differences.StyleGuess",
        "differences.CardTalk",
    )

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)
        takes = TAKES.rows(
            access.visible(user, StyleTake.objects).annotate(**mark).order_by("created_at", "pk")
        )
        for take in takes:
            if take["from_partner"]:  # the app shows the partner scores, never item answers
                take["answers"] = None
        return {
            "style_takes": takes,
            "style_guesses": GUESSES.rows(
                access.visible(user, StyleGuess.objects)
                .annotate(**mark)
                .order_by("created_at", "pk")
            ),
            "card_talks": TALKS.rows(
                access.visible(user, CardTalk.objects)
                .annotate(**mark)
                .order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in own_rows(rows.get("style_takes", []), counts, "differences.style_takes"):
            build(StyleTake, row, TAKE_FIELDS, owner=user).save()
            counts.restored["differences.style_takes"] += 1
        # A guess is about the partner, who is not here.
        skip_all(rows.get("style_guesses", []), counts, "differences.style_guesses")
        # A talk was the couple's, and the partner is not here.
        skip_all(rows.get("card_talks", []), counts, "differences.card_talks")
