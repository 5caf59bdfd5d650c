"""What sharing gives a person's export: answers to the daily question, reactions, comfort.

The partner's answers only once they were revealed to the person (or shared), marked; a
sealed answer that was never revealed, and a partner's skip, never.
"""

from typing import Any

from attunement.accounts.models import User
from attunement.couples import access
from attunement.lib.export import FROM_PARTNER, Counts, Table, build, marked, own_rows, skip_all
from attunement.sharing.models import Answer, ComfortSetting, Reaction, ServedQuestion

ANSWER_FIELDS = ("text", "skipped", "visibility", "revealed_at", "favourite", "created_at")
ANSWERS = Table(
    "answers",
    Answer,
    ("uuid", "question_id:served__question_id", "day:served__day", *ANSWER_FIELDS),
    computed=FROM_PARTNER,
)
REACTIONS = Table(
    "reactions",
    Reaction,
    ("answer_uuid:answer__uuid", "kind", "reply", "created_at"),
    computed=FROM_PARTNER,
    about="Reactions to revealed answers: the person's, and the partner's to theirs.",
)
COMFORT = Table("comfort", ComfortSetting, ("ceiling",), about="How deep questions may go.")


class SharingExport:
    section = "sharing"
    tables: list[Table] = [ANSWERS, REACTIONS, COMFORT]
    covers: tuple[str, ...] = (
        "sharing.Answer",
        "sharing.Reaction",
        "sharing.ComfortSetting",
        "sharing.ServedQuestion",
    )

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        mark = marked(user)
        answers = access.own(user, Answer.objects) | access.readable_answers(user, Answer.objects)
        return {
            "answers": ANSWERS.rows(answers.annotate(**mark).order_by("created_at", "pk")),
            "reactions": REACTIONS.rows(
                access.visible(user, Reaction.objects).annotate(**mark).order_by("created_at", "pk")
            ),
            "comfort": COMFORT.rows(ComfortSetting.objects.filter(user=user)),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        # Each own answer comes back as the person's own, alone (a solo question of that day).
        served: dict[str, ServedQuestion] = {}
        for row in own_rows(rows.get("answers", []), counts, "sharing.answers"):
            day, question = row["day"], row["question_id"]
            if day not in served:
                served[day] = ServedQuestion.objects.create(
                    person=user, question_id=question, day=day
                )
            elif served[day].question_id != question:  # two couples' questions on one day
                counts.skipped["sharing.answers (a second question on one day)"] += 1
                continue
            build(Answer, row, ANSWER_FIELDS, owner=user, served=served[day]).save()
            counts.restored["sharing.answers"] += 1
        # A reaction answers the partner's words, which are not here.
        skip_all(rows.get("reactions", []), counts, "sharing.reactions")
        for row in rows.get("comfort", [])[:1]:
            build(ComfortSetting, row, ("ceiling",), user=user).save()
            counts.restored["sharing.comfort"] += 1
