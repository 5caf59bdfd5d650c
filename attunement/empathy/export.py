"""What empathy gives a person's export: feeling rounds and guesses, quiz answers, and the
disagreements told from each other's side.

The partner's rows only where the gate lets the person read them (`visible`: shared, or
sealed and revealed), marked; a partner's sealed round or quiz answer never.
"""

from typing import Any

from django.db.models import BooleanField, Case, Q, Value, When

from attunement.accounts.models import User
from attunement.couples import access
from attunement.empathy.models import (
    Disagreement,
    FeelingGuess,
    FeelingRound,
    QuizEntry,
    QuizRound,
    SelfAnswer,
    Story,
    StoryRating,
)
from attunement.lib.export import FROM_PARTNER, Counts, Table, build, marked, own_rows, skip_all

ROUND_FIELDS = (
    "feelings",
    "intensity",
    "because",
    "from_check_in",
    "visibility",
    "revealed_at",
    "created_at",
)
ROUNDS = Table("feeling_rounds", FeelingRound, ("uuid", *ROUND_FIELDS), computed=FROM_PARTNER)
GUESSES = Table(
    "feeling_guesses",
    FeelingGuess,
    ("round_uuid:round__uuid", "feelings", "intensity", "accuracy", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
)
SELF_FIELDS = ("item_id", "value", "expires_at", "created_at")
SELF_ANSWERS = Table(
    "self_answers", SelfAnswer, SELF_FIELDS, about="Quiz answers about oneself (JSON text)."
)
QUIZ_ROUNDS = Table(
    "quiz_rounds",
    QuizRound,
    ("uuid", "item_id", "created_at", "revealed_at", "match", "marked"),
    computed={"about_me": {"type": "boolean", "description": "the question was about the person"}},
)
QUIZ_ENTRIES = Table(
    "quiz_entries",
    QuizEntry,
    ("round_uuid:round__uuid", "kind", "value", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
)
DISAGREEMENTS = Table(
    "disagreements",
    Disagreement,
    ("uuid", "topic", "stories_revealed_at", "ratings_revealed_at", "created_at"),
    computed=FROM_PARTNER,
)
STORIES = Table(
    "stories",
    Story,
    ("uuid", "disagreement_uuid:disagreement__uuid", "text", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
)
STORY_RATINGS = Table(
    "story_ratings",
    StoryRating,
    ("story_uuid:story__uuid", "captured", "missed", "revealed_at", "created_at"),
    computed=FROM_PARTNER,
)


class EmpathyExport:
    section = "empathy"
    tables: list[Table] = [
        ROUNDS,
        GUESSES,
        SELF_ANSWERS,
        QUIZ_ROUNDS,
        QUIZ_ENTRIES,
        DISAGREEMENTS,
        STORIES,
        STORY_RATINGS,
    ]
    covers: tuple[str, ...] = (
        "empathy.FeelingRound",
        "empathy.FeelingGuess",
        "empathy.SelfAnswer",
        "empathy.QuizRound",
        "empathy.QuizEntry",
        "empathy.Disagreement",
        "empathy.Story",
        "empathy.StoryRating",
    )

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)

        def readable(model: Any) -> Any:
            return access.visible(user, model.objects).annotate(**mark).order_by("created_at", "pk")

        about_me = Case(
            When(subject=user, then=Value(True)), default=Value(False), output_field=BooleanField()
        )
        rounds = (
            QuizRound.objects.filter(
                Q(subject=user) | Q(pk__in=QuizEntry.objects.filter(owner=user).values("round"))
            )
            .annotate(about_me=about_me)
            .order_by("created_at", "pk")
        )
        return {
            "feeling_rounds": ROUNDS.rows(readable(FeelingRound)),
            "feeling_guesses": GUESSES.rows(readable(FeelingGuess)),
            "self_answers": SELF_ANSWERS.rows(
                access.own(user, SelfAnswer.objects).order_by("created_at", "pk")
            ),
            "quiz_rounds": QUIZ_ROUNDS.rows(rounds),
            "quiz_entries": QUIZ_ENTRIES.rows(readable(QuizEntry)),
            "disagreements": DISAGREEMENTS.rows(readable(Disagreement)),
            "stories": STORIES.rows(readable(Story)),
            "story_ratings": STORY_RATINGS.rows(readable(StoryRating)),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        for row in own_rows(rows.get("feeling_rounds", []), counts, "empathy.feeling_rounds"):
            build(FeelingRound, row, ROUND_FIELDS, owner=user).save()
            counts.restored["empathy.feeling_rounds"] += 1
        for row in rows.get("self_answers", []):
            build(SelfAnswer, row, SELF_FIELDS, owner=user).save()
            counts.restored["empathy.self_answers"] += 1
        # Guesses, quiz rounds and disagreements are played with the partner, who is not here.
        for table in (
            "feeling_guesses",
            "quiz_rounds",
            "quiz_entries",
            "disagreements",
            "stories",
            "story_ratings",
        ):
            skip_all(rows.get(table, []), counts, f"empathy.{table}")
