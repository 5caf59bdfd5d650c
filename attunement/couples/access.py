"""The privacy gate: every read of user content goes through here.

A row is readable by its owner, and by the owner's *current* partner when it was written in
their current couple and is shared (or sealed and already revealed). Nothing else. Objects a
person may not read answer 404, so a URL never confirms that something exists.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, TypeAlias, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Exists, Manager, Model, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import Combinable
from django.db.models.lookups import Exact, GreaterThan
from django.http import Http404

from attunement.accounts.models import User
from attunement.couples.models import Couple, Membership, Visibility

M = TypeVar("M", bound=Model)
# Callers hand in a model's manager (`Answer.objects`) or a queryset narrowed from it. (A type
# only: `Rows[M]` cannot be built at run time, hence the string and postponed annotations.)
Rows: TypeAlias = "Manager[M] | QuerySet[M]"
_CACHE_ATTR = "_attunement_couple"
_PARTNER_ATTR = "_attunement_partner"


def current_couple(user: User) -> Couple | None:
    """The person's active couple, looked up once per request (cached on the user object)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _CACHE_ATTR):
        _load_couple_and_partner(user)
    couple: Couple | None = getattr(user, _CACHE_ATTR)
    return couple


def _load_couple_and_partner(user: User) -> None:
    """Both active memberships of the person's couple, with couple and people, in one query."""
    rows = list(
        Membership.objects.filter(
            left_at__isnull=True,
            couple__ended_at__isnull=True,
            couple__in=Membership.objects.filter(user=user, left_at__isnull=True).values(
                "couple_id"
            ),
        ).select_related("couple", "user")[:2]
    )
    mine = next((m for m in rows if m.user_id == user.pk), None)
    other = next((m for m in rows if m.user_id != user.pk), None) if mine else None
    setattr(user, _CACHE_ATTR, mine.couple if mine else None)
    setattr(user, _PARTNER_ATTR, other.user if other else None)


def forget(user: User) -> None:
    """Drop the cached couple after pairing or leaving."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
    if hasattr(user, _PARTNER_ATTR):
        delattr(user, _PARTNER_ATTR)


def partner_of(user: User) -> User | None:
    if not user.is_authenticated:
        return None
    if not hasattr(user, _PARTNER_ATTR):
        _load_couple_and_partner(user)
    cached: User | None = getattr(user, _PARTNER_ATTR)
    return cached


def _partner_can_read(model: type[Model]) -> Q:
    readable = Q(visibility=Visibility.SHARED)
    if any(f.name == "revealed_at" for f in model._meta.get_fields()):
        readable |= Q(visibility=Visibility.SEALED, revealed_at__isnull=False)
    return readable


def visible(user: User, queryset: Rows[M]) -> QuerySet[M]:
    """Rows of `queryset` this person may read: their own, and their partner's shared ones."""
    if not user.is_authenticated:
        return queryset.none()
    couple = current_couple(user)
    mine = Q(owner=user)
    if couple is None:
        return queryset.filter(mine)
    partners = Q(couple=couple) & ~Q(owner=user) & _partner_can_read(queryset.model)
    return queryset.filter(mine | partners)


def partners_rows(user: User, queryset: Rows[M]) -> QuerySet[M]:
    """Only the partner's rows that this person may read."""
    couple = current_couple(user)
    if couple is None:
        return queryset.none()
    return queryset.filter(Q(couple=couple) & ~Q(owner=user) & _partner_can_read(queryset.model))


def own(user: User, queryset: Rows[M]) -> QuerySet[M]:
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(owner=user)


def get_visible_or_404(user: User, queryset: Rows[M], **lookup: object) -> M:
    try:
        return visible(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def get_own_or_404(user: User, queryset: Rows[M], **lookup: object) -> M:
    try:
        return own(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


# sharing
# The daily question (attunement.sharing): a served question, the answers to it (sealed in a
# couple until both have answered; a skip carries no words and is never shown to anyone but
# its author) and the reactions to them. The gate sits below the strategy apps and never
# imports them, so callers hand in the querysets: `served` over ServedQuestion, `answers` over
# Answer, `reactions` over Reaction.


def readable_answers(user: User, answers: Rows[M]) -> QuerySet[M]:
    """Answers with words in them that this person may read: their own, and the current
    partner's once revealed (sealed until both answered) or shared. Never a skip."""
    return visible(user, answers.filter(skipped=False))


def with_reactions(user: User, answers: Rows[M], reactions: Rows[Model]) -> QuerySet[M]:
    """`answers` with their authors, and the reactions this person may read prefetched into
    `readable_reactions` (an ex-partner's reactions vanish with the couple)."""
    readable = Prefetch(
        "reactions",
        queryset=visible(user, reactions).select_related("owner"),
        to_attr="readable_reactions",
    )
    return answers.select_related("owner").prefetch_related(readable)


def served_questions(user: User, served: Rows[M], answers: Rows[Model]) -> QuerySet[M]:
    """Served questions this person may open: served to their current couple, served to them
    alone, or one with an answer they may read (their own after leaving, a shared journal
    entry). Opening one never reveals a sealed answer: answers go through readable_answers."""
    if not user.is_authenticated:
        return served.none()
    couple = current_couple(user)
    # Q | Exists is a Q at run time; the stubs only know it as a Combinable.
    readable: Q | Combinable = Q(person=user) | Exists(
        readable_answers(user, answers).filter(served=OuterRef("pk"))
    )
    if couple is not None:
        readable |= Q(couple=couple)
    return served.filter(readable)


def get_served_question_or_404(
    user: User, served: Rows[M], answers: Rows[Model], **lookup: object
) -> M:
    try:
        return served_questions(user, served, answers).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def with_readable_answers(
    user: User, served: Rows[M], answers: Rows[Model], reactions: Rows[Model]
) -> QuerySet[M]:
    """`served` with what this person may read of each: `readable_answers` (with_reactions)
    and `own_rows`, their own row whatever it holds (a skip included)."""
    return served.prefetch_related(*readable_answers_prefetches(user, answers, reactions))


def readable_answers_prefetches(
    user: User, answers: Rows[Model], reactions: Rows[Model]
) -> list[Prefetch[Any, Any, Any]]:
    """The prefetches of with_readable_answers, to apply to a served question already loaded
    (`prefetch_related_objects`), so a page need not fetch it twice."""
    return [
        Prefetch(
            "answers",
            queryset=with_reactions(user, readable_answers(user, answers), reactions),
            to_attr="readable_answers",
        ),
        Prefetch("answers", queryset=own(user, answers), to_attr="own_rows"),
    ]


def own_answer(user: User, answers: Rows[M], served: Model) -> M | None:
    """This person's own row for the served question `served`, a skip included."""
    return own(user, answers.filter(served=served)).first()


def get_partners_answer_or_404(user: User, answers: Rows[M], **lookup: object) -> M:
    """The current partner's answer this person may respond to (revealed or shared)."""
    rows = partners_rows(user, readable_answers(user, answers)).select_related("served", "owner")
    try:
        return rows.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def answered_questions(
    user: User,
    served: Rows[M],
    answers: Rows[Model],
    reactions: Rows[Model],
    *,
    question_ids: list[str] | None = None,
    favourites: bool = False,
) -> QuerySet[M]:
    """Every question with an answer this person may read, newest first (their history), with
    what they may read of each (with_readable_answers); only those among `question_ids` when
    given, only their own favourites if asked."""
    queryset = served.filter(Exists(readable_answers(user, answers).filter(served=OuterRef("pk"))))
    if question_ids is not None:
        queryset = queryset.filter(question_id__in=question_ids)
    if favourites:
        favourite = own(user, answers).filter(served=OuterRef("pk"), favourite=True)
        queryset = queryset.filter(Exists(favourite))
    return with_readable_answers(user, queryset.order_by("-day", "-pk"), answers, reactions)


def opened_up_questions(user: User, served: Rows[M], answers: Rows[Model]) -> QuerySet[M]:
    """Questions this person has opened up about: with the current partner, those revealed;
    alone, those they answered. (No streaks: nothing is lost by missing a day.)"""
    couple = current_couple(user)
    if couple is not None:
        return served.filter(couple=couple, revealed_at__isnull=False)
    answered = own(user, answers).filter(served=OuterRef("pk"), skipped=False)
    return served.filter(Exists(answered))


# listening
# Conversations are the one kind of content with two authors: each person keeps reading the
# conversations they took part in after the couple ends, but only their own turns (turns are
# still read through visible()). Ratings are private; the partner sees them only as an average.

MIN_RATINGS_FOR_AN_AVERAGE = 3


def took_part_in(user: User, conversations: Rows[M]) -> QuerySet[M]:
    """Conversations this person took part in, as their starter (`owner`) or their `partner`,
    also after the couple ended or the other person deleted their account.

    Only for conversations (rows with `owner` and `partner`). It opens the conversation itself
    (topic, state, who spoke): read its turns through visible(), so that once the couple has
    ended each person reads only their own turns and never the former partner's.
    """
    if not user.is_authenticated:
        return conversations.none()
    return conversations.filter(Q(owner=user) | Q(partner=user))


def get_taken_part_in_or_404(user: User, conversations: Rows[M], **lookup: object) -> M:
    try:
        return took_part_in(user, conversations).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def partners_felt_heard(
    user: User, ratings: Rows[M], windows: list[tuple[object, object]]
) -> list[tuple[float | None, int]]:
    """The one aggregate read of private rows: the current partner's average `felt_heard`
    (listening ratings), for each window [start, stop) of `created_at`: two datetimes, or None
    for an open end.

    Counts only ratings the partner wrote in the current couple and allowed to count
    (`counts_for_partner`). So that no single rating can be worked out, not even by setting
    one window against another or the figure of today against last week's, the ratings are
    taken in fixed blocks of MIN_RATINGS_FOR_AN_AVERAGE, oldest first; a block counts once its
    last rating is in (the newest one or two ratings wait for their block), in the window where
    that last rating falls. Every figure shown is then a mean of whole blocks. Returns (average
    rounded to 0.1 or None, number of ratings averaged) per window. One query.
    """
    couple = current_couple(user)
    if couple is None or not windows:
        return [(None, 0)] * len(windows)
    rows = list(
        ratings.filter(couple=couple, counts_for_partner=True)
        .exclude(owner=user)
        .order_by("created_at", "pk")
        .values_list("created_at", "felt_heard")
    )
    size = MIN_RATINGS_FOR_AN_AVERAGE
    blocks = [
        (rows[k + size - 1][0], sum(v for _, v in rows[k : k + size]))
        for k in range(0, len(rows) - size + 1, size)
    ]
    result: list[tuple[float | None, int]] = []
    for start, stop in windows:
        inside = [
            total
            for ended, total in blocks
            if (start is None or ended >= start) and (stop is None or ended < stop)
        ]
        count = size * len(inside)
        result.append((round(sum(inside) / count, 1) if inside else None, count))
    return result


# empathy
# "How am I feeling?" rounds, quiz rounds and perspective stories (attunement.empathy). A round
# or a story is sealed until both sides are in. The partner may open a sealed round to guess
# (who started it and when), never its feelings: `FeelingRound.readable_by` says what shows.


def feeling_rounds(user: User, rounds: Rows[M]) -> QuerySet[M]:
    """Feeling rounds this person may open: every one they may read (visible), and the current
    partner's sealed ones in the current couple, opened to guess (not to read)."""
    if not user.is_authenticated:
        return rounds.none()
    couple = current_couple(user)
    mine_or_revealed = Q(owner=user)
    if couple is None:
        return rounds.filter(mine_or_revealed)
    return rounds.filter(mine_or_revealed | (Q(couple=couple) & ~Q(owner=user)))


def get_feeling_round_or_404(user: User, rounds: Rows[M], **lookup: object) -> M:
    try:
        return feeling_rounds(user, rounds).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


def couples_rows(user: User, rows: Rows[M]) -> QuerySet[M]:
    """Rows that belong to the person's current couple as a whole, with no owner: quiz rounds
    (each holds no words of its own; its entries are read through visible()), and the focus of
    the week with what it learned. Gone for both once the couple ends."""
    couple = current_couple(user)
    if couple is None:
        return rows.none()
    return rows.filter(couple=couple)


def get_couples_row_or_404(user: User, rows: Rows[M], **lookup: object) -> M:
    try:
        return couples_rows(user, rows).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc


# insights
# The weekly pulse (attunement.insights) is private: each person reads their own answers with
# own(). Two aggregate reads cross that line, each documented here: the closeness lines both
# partners chose to see together, and the couple-level means that pick the focus of the week.
# Focus weeks and the focus's learning belong to the couple as a whole: couples_rows().


def mutual_closeness(
    user: User, pulses: Rows[M], first: object, last: object
) -> list[tuple[date, int]]:
    """The current partner's (week, closeness) for weeks in [first, last) in which both
    partners answered the pulse and both chose to show their closeness together. Nothing else
    of the partner's pulse is ever readable. One query."""
    couple = current_couple(user)
    if couple is None:
        return []
    mine = pulses.filter(owner=user, share_closeness=True, week=OuterRef("week"))
    return list(
        pulses.filter(couple=couple, share_closeness=True, week__gte=first, week__lt=last)
        .exclude(owner=user)
        .filter(Exists(mine))
        .order_by("week")
        .values_list("week", "closeness")
    )


def couple_pulse_scores(
    user: User, pulses: Rows[M], first: object, last: object
) -> list[dict[str, int]]:
    """Both partners' pulse scores (strategy -> 1..7) for weeks in [first, last), without
    owner or week: only for the focus choice, which uses them as means over the couple and
    never shows a number (docs/insights.md, "Privacy"). One query."""
    couple = current_couple(user)
    if couple is None:
        return list(
            pulses.filter(owner=user, week__gte=first, week__lt=last).values_list(
                "scores", flat=True
            )
        )
    return list(
        pulses.filter(couple=couple, week__gte=first, week__lt=last).values_list(
            "scores", flat=True
        )
    )


# together
# Swipes on activities are private, always: the partner learns only of a match, where both
# said yes, or one yes and one maybe. A partner's "no" reads exactly like "not yet swiped".
# Plans (shared) and highlights (sealed until both wrote) go through visible().

MATCHING = ("yes", "maybe")


def mutual_choices(user: User, swipes: Rows[M]) -> dict[str, tuple[str, str, datetime]]:
    """activity id -> (own choice, partner's choice, when the later of the two was made), for
    the activities both current partners marked yes or maybe with at least one yes. Nothing
    else of the partner's swipes leaves here. One query (`swipes` over together's Swipe)."""
    couple = current_couple(user)
    partner = partner_of(user)
    if couple is None or partner is None:
        return {}
    rows = swipes.filter(
        couple=couple, owner__in=[user.pk, partner.pk], choice__in=MATCHING
    ).values_list("owner_id", "activity_id", "choice", "updated_at")
    mine: dict[str, tuple[str, datetime]] = {}
    theirs: dict[str, tuple[str, datetime]] = {}
    for owner_id, activity_id, choice, at in rows:
        (mine if owner_id == user.pk else theirs)[activity_id] = (choice, at)
    found: dict[str, tuple[str, str, datetime]] = {}
    for activity_id, (own_choice, own_at) in mine.items():
        if activity_id not in theirs:
            continue
        their_choice, their_at = theirs[activity_id]
        if "yes" in (own_choice, their_choice):
            found[activity_id] = (own_choice, their_choice, max(own_at, their_at))
    return found


def mutual_choices_since(user: User, swipes: Rows[M], since: datetime) -> QuerySet[M]:
    """The person's own swipes that make a match with the current partner's (as in
    mutual_choices) whose later mark is after `since`: the new matches, countable inside
    another query. Only the person's own rows come out; the partner's swipes stay a condition."""
    couple = current_couple(user)
    partner = partner_of(user)
    if couple is None or partner is None:
        return swipes.none()
    # The partner's swipe on the same activity (one per person and activity) that makes a
    # match with this person's, one of the two a yes, one of the two made after `since`.
    theirs = swipes.filter(
        Q(choice="yes") | Exact(OuterRef("choice"), "yes"),
        Q(updated_at__gt=since) | GreaterThan(OuterRef("updated_at"), since),
        couple=couple,
        owner=partner,
        choice__in=MATCHING,
        activity_id=OuterRef("activity_id"),
    )
    return swipes.filter(Exists(theirs), couple=couple, owner=user, choice__in=MATCHING)


def with_highlights(user: User, plans: Rows[M], highlights: Rows[Model]) -> QuerySet[M]:
    """`plans` with the highlights this person may read prefetched into `readable_highlights`:
    their own, and the partner's once both have written (sealed until then)."""
    readable = Prefetch(
        "highlights",
        queryset=visible(user, highlights).select_related("owner"),
        to_attr="readable_highlights",
    )
    return plans.prefetch_related(readable)
