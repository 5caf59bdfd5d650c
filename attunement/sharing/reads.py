"""Reads of the sharing app, all through the privacy gate (attunement.couples.access).

A served question is open to the couple it was served to (while they are a couple), to the
person it was served to alone, and to anyone who can read an answer to it (their own, or a
partner's revealed or shared one). Answers themselves are always filtered by access.visible,
which keeps a sealed answer from the partner until it is revealed.
"""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.sharing.models import Answer, Reaction, ServedQuestion


def visible_answers(user: User) -> QuerySet[Answer]:
    """Answers with words in them that this person may read (never a skip)."""
    return access.visible(user, Answer.objects.filter(skipped=False))


def served_for(user: User) -> QuerySet[ServedQuestion]:
    if not user.is_authenticated:
        return ServedQuestion.objects.none()
    couple = access.current_couple(user)
    readable = Q(person=user) | Exists(visible_answers(user).filter(served=OuterRef("pk")))
    if couple is not None:
        readable |= Q(couple=couple)
    return ServedQuestion.objects.filter(readable)


def get_served_or_404(user: User, uuid: object) -> ServedQuestion:
    try:
        return served_for(user).get(uuid=uuid)
    except (ServedQuestion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def with_answers(user: User, queryset: QuerySet[ServedQuestion]) -> QuerySet[ServedQuestion]:
    """Prefetch what this person may read: answers (visible_answers) and their reactions."""
    reactions = Prefetch(
        "reactions", queryset=access.visible(user, Reaction.objects).select_related("owner")
    )
    answers = visible_answers(user).select_related("owner").prefetch_related(reactions)
    return queryset.prefetch_related(
        Prefetch("answers", queryset=answers, to_attr="readable_answers")
    )


def own_answer(user: User, served: ServedQuestion) -> Answer | None:
    """This person's own row for the question, a skip included."""
    return access.own(user, Answer.objects.filter(served=served)).first()


def history(user: User, *, theme: str = "", favourites: bool = False) -> QuerySet[ServedQuestion]:
    """Every question with an answer this person may read, newest first."""
    answers = visible_answers(user).filter(served=OuterRef("pk"))
    queryset = ServedQuestion.objects.filter(Exists(answers))
    if theme:
        ids = [q["id"] for q in content.load("questions") if q["theme"] == theme]
        queryset = queryset.filter(question_id__in=ids)
    if favourites:
        queryset = queryset.filter(
            Exists(access.own(user, Answer.objects).filter(served=OuterRef("pk"), favourite=True))
        )
    return with_answers(user, queryset.order_by("-day", "-pk"))


def depth_counts(user: User) -> dict[str, int]:
    """How many questions, per depth, this person has opened up about with the current partner
    (revealed), or alone (answered): no streaks, nothing lost by missing a day."""
    couple = access.current_couple(user)
    if couple is not None:
        rows = ServedQuestion.objects.filter(couple=couple, revealed_at__isnull=False)
    else:
        rows = ServedQuestion.objects.filter(
            Exists(access.own(user, Answer.objects).filter(served=OuterRef("pk"), skipped=False))
        )
    counts = dict.fromkeys(("light", "personal", "deep"), 0)
    for row in rows.values("question_id").annotate(n=Count("pk")):
        entry = content.get("questions", row["question_id"])
        if entry:
            counts[entry["depth"]] += row["n"]
    return counts


def question_state(served: ServedQuestion, own: Answer | None, *, is_today: bool) -> str:
    """Where this person stands with a question. It depends only on their own row and on the
    reveal, never on whether the partner answered: that is the seal."""
    if served.is_revealed:
        return "revealed"
    if own is not None and own.skipped:
        return "skipped"
    if own is None:
        return "answer" if is_today else "missed"
    if served.is_solo:
        return "journal"
    return "waiting" if is_today else "closed"
