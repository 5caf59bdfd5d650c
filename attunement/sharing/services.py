"""Writes of the sharing strategy: serving the day's question, answers, the reveal, reactions.

Each write owns every rule around it (state, role, blank text) and screens the free text it
saves, so the pages, the API and any later caller cannot skip one. Refusals are SharingError
(or InvalidInput for unusable input), with messages safe to show.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Membership, Visibility
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.notifications import emails
from attunement.safety import screening
from attunement.sharing import selection
from attunement.sharing.models import (
    Answer,
    ComfortSetting,
    Depth,
    Reaction,
    ReactionKind,
    ServedQuestion,
)

ANSWER_REQUIRED = "Write a few words first, or skip this one."
REACTION_REQUIRED = "Choose a reaction or write a few words."


class SharingError(DomainError):
    """Something a person tried that cannot happen now (a 409); the message is safe to show."""


def people_of(user: User) -> list[User]:
    partner = access.partner_of(user) if access.current_couple(user) else None
    return [user, partner] if partner else [user]


def _todays_lookup(user: User, now: datetime | None = None) -> dict[str, object]:
    couple = access.current_couple(user)
    day = selection.couple_day(people_of(user), now)
    return {"couple": couple, "day": day} if couple else {"person": user, "day": day}


def todays_rows(user: User, now: datetime | None = None) -> QuerySet[ServedQuestion]:
    """The served row of the person's day, if it is served yet (at most one row)."""
    return ServedQuestion.objects.filter(**_todays_lookup(user, now))


def is_todays(*, user: User, served: ServedQuestion, now: datetime | None = None) -> bool:
    """Whether `served` is this person's question of today (without serving one)."""
    couple = access.current_couple(user)
    day = selection.couple_day(people_of(user), now)
    if couple is not None:
        return served.couple_id == couple.pk and served.day == day
    return served.person_id == user.pk and served.day == day


def todays_question(*, user: User, now: datetime | None = None) -> ServedQuestion:
    """The question of the couple's day (or the person's own day when alone), served on first ask.

    Two partners asking at the same moment get the same row: the unique constraint on
    (couple, day) lets only one insert win and the other reads it.
    """
    lookup = _todays_lookup(user, now)
    couple = access.current_couple(user)
    people = people_of(user)
    existing = ServedQuestion.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    if couple is not None:
        past = ServedQuestion.objects.filter(couple=couple)
        answered = past.filter(revealed_at__isnull=False).count()
        seed = str(couple.uuid)
    else:
        past = ServedQuestion.objects.filter(person=user)
        answered = Answer.objects.filter(served__person=user, owner=user, skipped=False).count()
        seed = str(user.uuid)
    history = list(past.order_by("day", "pk").values_list("question_id", flat=True))
    ceilings = ComfortSetting.objects.filter(user__in=people).values_list("ceiling", flat=True)
    deepest = selection.allowed_depth(answered, ceilings)
    question_id = selection.choose_question(seed=seed, history=history, deepest=deepest)
    try:
        with transaction.atomic():
            return ServedQuestion.objects.create(**lookup, question_id=question_id)
    except IntegrityError:
        return ServedQuestion.objects.get(**lookup)


def _lock_todays(user: User, served: ServedQuestion, now: datetime | None) -> ServedQuestion:
    """Lock the row (both partners' writes queue here) and check it is this person's today."""
    if not is_todays(user=user, served=served, now=now):
        raise SharingError(
            "This question is from another day. Today's question is waiting for you."
        )
    locked = ServedQuestion.objects.select_for_update().get(pk=served.pk)
    if locked.revealed_at is not None:
        raise SharingError("You have both answered this one, so it can no longer change.")
    return locked


def _save_own_row(*, user: User, served: ServedQuestion, text: str, skipped: bool) -> Answer:
    answer = Answer.objects.filter(served=served, owner=user).first()
    if answer is None:
        return Answer.objects.create(
            served=served,
            owner=user,
            couple=served.couple,
            text=text,
            skipped=skipped,
            visibility=Visibility.SEALED if served.couple_id else Visibility.PRIVATE,
        )
    answer.text, answer.skipped = text, skipped
    answer.save(update_fields=["text", "skipped", "updated_at"])
    return answer


@transaction.atomic
def submit_answer(
    *, user: User, served: ServedQuestion, text: str, now: datetime | None = None
) -> Answer:
    """Answer today's question (or change the answer until the reveal).

    In a couple the answer is sealed. When it is the second answer, both are revealed in the
    same transaction: the served row is locked first, so the two writers queue, and the
    conditional UPDATE on revealed_at lets exactly one of them reveal and notify.
    """
    text = require_text(text, ANSWER_REQUIRED)
    served = _lock_todays(user, served, now)
    answer = _save_own_row(user=user, served=served, text=text, skipped=False)
    screening.screen(user=user, text=answer.text, where="sharing.submit_answer")
    if served.couple_id:
        reveal_if_complete(served=served, now=now)
        answer.refresh_from_db(fields=["revealed_at"])
    return answer


@transaction.atomic
def skip_question(*, user: User, served: ServedQuestion, now: datetime | None = None) -> Answer:
    """Skip today's question, no reason asked. The partner is never told."""
    served = _lock_todays(user, served, now)
    return _save_own_row(user=user, served=served, text="", skipped=True)


def reveal_if_complete(*, served: ServedQuestion, now: datetime | None = None) -> bool:
    """Reveal both answers once both partners have answered. Returns whether this call revealed."""
    if served.couple_id is None:  # answered alone: nothing is sealed
        return False
    members = Membership.objects.filter(couple_id=served.couple_id, left_at__isnull=True).values(
        "user_id"
    )
    answered = Answer.objects.filter(served=served, skipped=False, owner_id__in=members).count()
    if answered < 2:
        return False
    now = now or timezone.now()
    claimed = ServedQuestion.objects.filter(pk=served.pk, revealed_at__isnull=True).update(
        revealed_at=now
    )
    if claimed != 1:
        return False
    Answer.objects.filter(served=served, skipped=False).update(revealed_at=now)
    recipients = list(
        Membership.objects.filter(
            couple_id=served.couple_id, left_at__isnull=True, user__partner_emails=True
        ).values_list("user__email", flat=True)
    )
    if recipients:
        emails.answers_revealed(to=recipients, questions_path=reverse("sharing_today"))
    return True


@transaction.atomic
def react_to_answer(*, user: User, answer: Answer, kind: str, reply: str) -> Reaction:
    """React to the partner's revealed (or shared) answer with a quick reaction (`kind`, one of
    ReactionKind, or "" for none), a few words (`reply`), or both; reacting again replaces the
    reaction. The caller loads `answer` through the gate (access.get_partners_answer_or_404)."""
    reply = (reply or "").strip()
    if kind and kind not in ReactionKind.values:
        raise InvalidInput("Choose one of the reactions offered.")
    if not kind and not reply:
        raise InvalidInput(REACTION_REQUIRED)
    if answer.owner_id == user.pk:
        raise SharingError("This is your own answer.")
    couple = access.current_couple(user)
    if couple is None or answer.couple_id != couple.pk:
        raise SharingError("You can react to your partner's answers only.")
    if answer.skipped or (answer.visibility == Visibility.SEALED and answer.revealed_at is None):
        raise SharingError("You can react once you have both answered.")
    reaction, _ = Reaction.objects.update_or_create(
        answer=answer,
        owner=user,
        defaults={
            "kind": kind,
            "reply": reply,
            "couple": answer.couple,
            "visibility": Visibility.SHARED,
        },
    )
    if reaction.reply:
        screening.screen(user=user, text=reaction.reply, where="sharing.react_to_answer")
    return reaction


@transaction.atomic
def toggle_favourite(*, user: User, served: ServedQuestion) -> bool:
    """Mark or unmark a question as a favourite (kept on this person's own answer)."""
    answer = (
        Answer.objects.select_for_update().filter(served=served, owner=user, skipped=False).first()
    )
    if answer is None:
        raise SharingError("Answer this question first, then you can keep it as a favourite.")
    answer.favourite = not answer.favourite
    answer.save(update_fields=["favourite", "updated_at"])
    return answer.favourite


@transaction.atomic
def share_answer(*, user: User, answer: Answer, now: datetime | None = None) -> Answer:
    """Share one journal answer (or a sealed one whose day passed unrevealed) with the partner."""
    couple = access.current_couple(user)
    if couple is None or access.partner_of(user) is None:
        raise SharingError("Sharing is for your partner: invite them first.")
    is_today = is_todays(user=user, served=answer.served, now=now)
    if answer.owner_id != user.pk or not answer.can_be_shared(is_today=is_today):
        raise SharingError("This answer cannot be shared.")
    answer.visibility, answer.couple = Visibility.SHARED, couple
    answer.save(update_fields=["visibility", "couple", "updated_at"])
    return answer


def set_comfort(*, user: User, ceiling: str) -> ComfortSetting:
    """How deep this person is willing to go (one of Depth); applies from the next question."""
    if ceiling not in Depth.values:
        raise InvalidInput("Choose one of the depths offered.")
    setting, _ = ComfortSetting.objects.update_or_create(user=user, defaults={"ceiling": ceiling})
    return setting


def comfort_of(user: User) -> str:
    return (
        ComfortSetting.objects.filter(user=user).values_list("ceiling", flat=True).first() or "deep"
    )
