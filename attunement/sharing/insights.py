"""What the daily question gives Insights: how many answers the person opened up with, the
reactions they gave, and actions at a chosen depth. Rows through the gate; two queries."""

from django.urls import reverse

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Visibility
from attunement.lib.insights import (
    Action,
    Figure,
    Series,
    Strategy,
    Window,
    count,
    per_window,
    span,
)
from attunement.sharing.models import Answer, Reaction

ANSWERS = Figure(
    "sharing.answers_shared",
    Strategy.SHARING,
    "Answers you shared",
    "",
    0,
    7,
    "How many of your answers to the daily question your partner could read.",
)
REACTIONS = Figure(
    "sharing.reactions",
    Strategy.SHARING,
    "Reactions to your partner's answers",
    "",
    0,
    7,
    "How many times you reacted to an answer of your partner's.",
)


class SharingInsights:
    strategy = Strategy.SHARING

    def figures(self, user: User, windows: list[Window]) -> list[Series]:
        start, stop = span(windows, user.tz)
        tz = user.tz
        answers = list(
            access.own(user, Answer.objects)
            .filter(skipped=False, created_at__gte=start, created_at__lt=stop)
            .exclude(visibility=Visibility.PRIVATE)
            .exclude(visibility=Visibility.SEALED, revealed_at__isnull=True)
            .values_list("created_at", flat=True)
        )
        reactions = list(
            access.own(user, Reaction.objects)
            .filter(created_at__gte=start, created_at__lt=stop)
            .values_list("created_at", flat=True)
        )
        answered = [(a.astimezone(tz).date(), 1.0) for a in answers]
        reacted = [(r.astimezone(tz).date(), 1.0) for r in reactions]
        return [
            Series(ANSWERS, per_window(answered, windows, count)),
            Series(REACTIONS, per_window(reacted, windows, count)),
        ]

    def actions(self, user: User) -> list[Action]:
        today = reverse("sharing_today")
        return [
            Action(
                "sharing.go_deeper",
                self.strategy,
                "Try a question one step deeper",
                reverse("sharing_comfort"),
                "Set the depth you're comfortable with, then answer.",
            ),
            Action(
                "sharing.tell_me_more",
                self.strategy,
                "Ask “tell me more” about one answer",
                reverse("sharing_history"),
                "Pick an answer of your partner's that surprised you.",
            ),
            Action(
                "sharing.answer_together",
                self.strategy,
                "Answer today's question side by side",
                reverse("sharing_together"),
                "Pick one and talk it over, in person or on a call.",
            ),
            Action(
                "sharing.daily",
                self.strategy,
                "Answer the daily question on four days",
                today,
                "Short answers count; nothing is lost on a day you skip.",
            ),
        ]

    def tried(self, user: User, window: Window) -> set[str]:
        start, stop = span([window], user.tz)
        done = set()
        answers = access.own(user, Answer.objects).filter(
            skipped=False, created_at__gte=start, created_at__lt=stop
        )
        if answers.count() >= 4:
            done.add("sharing.daily")
        if answers.filter(served__question_id__in=_deeper_ids()).exists():
            done.add("sharing.go_deeper")
        reactions = access.own(user, Reaction.objects).filter(
            created_at__gte=start, created_at__lt=stop
        )
        if reactions.filter(kind="tell_me_more").exists():
            done.add("sharing.tell_me_more")
        return done


def _deeper_ids() -> list[str]:
    from attunement import content

    return [q["id"] for q in content.load_all("questions") if q["depth"] != "light"]
