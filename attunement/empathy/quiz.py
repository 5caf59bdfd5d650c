"""The partner-knowledge quiz: which item comes next, self-knowledge answers, and the rounds in
which one partner answers about themself and the other guesses (sealed until both are in).

Selection is a plain function (no database): no item comes back before every item has been
asked about that person, and then the least recently asked comes first.
"""

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Couple, Visibility
from attunement.empathy.models import (
    TEXT_ANSWER_MAX,
    EntryKind,
    Marked,
    QuizEntry,
    QuizRound,
    SelfAnswer,
    expiry_for,
    quiz_item,
)
from attunement.empathy.services import NO_PARTNER, EmpathyError
from attunement.lib.errors import InvalidInput

MARK_SCORES = {Marked.MATCH: 1.0, Marked.CLOSE: 0.5, Marked.MISS: 0.0}


def _order(seed: str, item_id: str) -> str:
    return hashlib.sha256(f"{seed}:{item_id}".encode()).hexdigest()


def choose_item(*, seed: str, history: Sequence[str], ids: Sequence[str]) -> str:
    """The next item among `ids` for one person, whose items asked so far are `history`
    (oldest first). Never asked first, in an order fixed by `seed`; once all have been asked,
    the one asked longest ago (fewest times first, so the catalogue cycles evenly)."""
    last: dict[str, int] = {}
    times: dict[str, int] = {}
    for position, item_id in enumerate(history):
        last[item_id] = position
        times[item_id] = times.get(item_id, 0) + 1
    return min(ids, key=lambda i: (times.get(i, 0), last.get(i, -1), _order(seed, i)))


def item_ids() -> list[str]:
    return [str(item["id"]) for item in content.load("partner_quiz")]


def clean_value(item_id: str, value: Any) -> str:
    """The answer to `item_id` as stored (JSON), or InvalidInput: one of the options for a
    choice, every option once for a ranking, a few words for text."""
    item = content.get("partner_quiz", item_id)
    if item is None or item.get("retired"):
        raise InvalidInput("Choose a question from the quiz.")
    kind, options = item["answer"], item.get("options", [])
    if kind == "choice":
        if value not in options:
            raise InvalidInput("Choose one of the options.")
    elif kind == "ranking":
        if not isinstance(value, list) or sorted(map(str, value)) != sorted(options):
            raise InvalidInput("Put every option in order, each once.")
        value = [str(v) for v in value]
    else:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInput("Write a few words.")
        value = value.strip()
        if len(value) > TEXT_ANSWER_MAX:
            raise InvalidInput(f"Keep it under {TEXT_ANSWER_MAX} characters.")
    return json.dumps(value)


def match_of(kind: str, answer: Any, guess: Any) -> float | None:
    """How well a guess matches: 1 or 0 for a choice; for a ranking, the share of pairs put in
    the same order (1 for the same order, 0 for reversed); None for text, which the person
    answered about marks themself."""
    if kind == "choice":
        return 1.0 if answer == guess else 0.0
    if kind == "ranking" and isinstance(answer, list) and isinstance(guess, list):
        place = {item: n for n, item in enumerate(guess)}
        pairs = [(a, b) for i, a in enumerate(answer) for b in answer[i + 1 :]]
        if not pairs or any(a not in place or b not in place for a, b in pairs):
            return 0.0
        agree = sum(1 for a, b in pairs if place[a] < place[b])
        return round(agree / len(pairs), 4)
    return None


def _screen_text(user: User, item_id: str, stored: str, where: str) -> None:
    from attunement.safety import screening

    if quiz_item(item_id)["answer"] == "text":
        screening.screen(user=user, text=json.loads(stored), where=where)


@transaction.atomic
def save_self_answer(
    *, user: User, item_id: str, value: Any, now: datetime | None = None
) -> SelfAnswer:
    """What this person says about themself (private; used for the next round about them, now
    or once a partner joins). Answering again updates it; "this week" answers expire."""
    stored = clean_value(item_id, value)
    now = now or timezone.now()
    answer, _ = SelfAnswer.objects.update_or_create(
        owner=user,
        item_id=item_id,
        defaults={
            "value": stored,
            "visibility": Visibility.PRIVATE,
            "expires_at": expiry_for(item_id, now),
        },
    )
    _screen_text(user, item_id, stored, "empathy.self_answer")
    return answer


def current_self_answer(user: User, item_id: str, now: datetime | None = None) -> SelfAnswer | None:
    answer = access.own(user, SelfAnswer.objects.filter(item_id=item_id)).first()
    return answer if answer is not None and answer.is_current(now) else None


def _serve(user: User, subject: User, now: datetime) -> QuizRound:
    couple = access.current_couple(user)
    assert couple is not None
    history = list(
        QuizRound.objects.filter(couple=couple, subject=subject)
        .order_by("created_at", "pk")
        .values_list("item_id", flat=True)
    )
    item_id = choose_item(seed=f"{couple.uuid}:{subject.uuid}", history=history, ids=item_ids())
    served = QuizRound.objects.create(
        couple=couple, subject=subject, item_id=item_id, created_at=now
    )
    ready = current_self_answer(subject, item_id, now)
    if ready is not None:  # answered alone, or earlier: the subject's side is already in
        QuizEntry.objects.create(
            round=served,
            owner=subject,
            couple=couple,
            kind=EntryKind.ANSWER,
            visibility=Visibility.SEALED,
            value=ready.value,
        )
    return served


def latest_round(user: User, subject: User) -> QuizRound | None:
    return (
        access.couples_rows(user, QuizRound.objects.filter(subject=subject))
        .order_by("-created_at", "-pk")
        .first()
    )


def _lock_couple(user: User) -> User:
    """The partner, with the couple's row locked until the end of the transaction.

    Both partners may open the quiz at the same instant. Serving reads "is there a round
    yet?" and then creates one, so two requests must not interleave: the second one waits
    here and then finds the round the first one made. (On PostgreSQL this row lock does it;
    SQLite already runs each transaction alone, since it begins with BEGIN IMMEDIATE.)"""
    couple, partner = access.current_couple(user), access.partner_of(user)
    if couple is None or partner is None:
        raise EmpathyError(NO_PARTNER)
    Couple.objects.select_for_update().get(pk=couple.pk)
    return partner


@transaction.atomic
def open_rounds(*, user: User, now: datetime | None = None) -> list[QuizRound]:
    """The couple's latest round about each of them (about this person first), served on
    first ask. A revealed or expired round stays until someone asks for the next question.
    Idempotent: partners asking at once get the same rounds."""
    partner = _lock_couple(user)
    now = now or timezone.now()
    rounds = []
    for subject in (user, partner):
        rounds.append(latest_round(user, subject) or _serve(user, subject, now))
    return rounds


@transaction.atomic
def next_rounds(*, user: User, now: datetime | None = None) -> list[QuizRound]:
    """A new question about each of them whose latest one is revealed or has expired.
    Idempotent: partners asking at once both get the one new question."""
    partner = _lock_couple(user)
    now = now or timezone.now()
    rounds = []
    for subject in (user, partner):
        latest = latest_round(user, subject)
        if latest is None or latest.revealed_at is not None or latest.is_expired(now):
            latest = _serve(user, subject, now)
        rounds.append(latest)
    return rounds


def _lock_open(user: User, quiz_round: QuizRound, now: datetime) -> QuizRound:
    couple = access.current_couple(user)
    if couple is None or quiz_round.couple_id != couple.pk:
        raise EmpathyError("This quiz belongs to a couple you're no longer in.")
    locked = QuizRound.objects.select_for_update().get(pk=quiz_round.pk)
    if locked.revealed_at is not None:
        raise EmpathyError("You've both answered this one, so it can no longer change.")
    if locked.is_expired(now):
        raise EmpathyError("This one was about that week, and the week has passed.")
    return locked


def _reveal_if_complete(quiz_round: QuizRound, now: datetime) -> None:
    entries = {e.kind: e for e in QuizEntry.objects.filter(round=quiz_round)}
    if len(entries) < 2:
        return
    match = match_of(
        quiz_round.kind, entries[EntryKind.ANSWER].answer, entries[EntryKind.GUESS].answer
    )
    claimed = QuizRound.objects.filter(pk=quiz_round.pk, revealed_at__isnull=True).update(
        revealed_at=now, match=match
    )
    if claimed:
        QuizEntry.objects.filter(round=quiz_round).update(revealed_at=now)


def _save_entry(user: User, locked: QuizRound, kind: str, stored: str) -> QuizEntry:
    entry, created = QuizEntry.objects.get_or_create(
        round=locked,
        kind=kind,
        defaults={
            "owner": user,
            "couple": locked.couple,
            "visibility": Visibility.SEALED,
            "value": stored,
        },
    )
    if not created:
        entry.value = stored
        entry.save(update_fields=["value", "updated_at"])
    return entry


@transaction.atomic
def answer_round(
    *, user: User, quiz_round: QuizRound, value: Any, now: datetime | None = None
) -> QuizEntry:
    """The subject answers about themself (also kept as their self-knowledge answer)."""
    now = now or timezone.now()
    if quiz_round.subject_id != user.pk:
        raise EmpathyError("This question is about your partner: make a guess instead.")
    stored = clean_value(quiz_round.item_id, value)
    locked = _lock_open(user, quiz_round, now)
    entry = _save_entry(user, locked, EntryKind.ANSWER, stored)
    save_self_answer(user=user, item_id=locked.item_id, value=json.loads(stored), now=now)
    _reveal_if_complete(locked, now)
    return entry


@transaction.atomic
def guess_round(
    *, user: User, quiz_round: QuizRound, value: Any, now: datetime | None = None
) -> QuizEntry:
    """The partner guesses what the subject said. Screened when it is text."""
    now = now or timezone.now()
    if quiz_round.subject_id == user.pk:
        raise EmpathyError("This question is about you: answer it instead.")
    stored = clean_value(quiz_round.item_id, value)
    locked = _lock_open(user, quiz_round, now)
    entry = _save_entry(user, locked, EntryKind.GUESS, stored)
    _screen_text(user, locked.item_id, stored, "empathy.quiz_guess")
    _reveal_if_complete(locked, now)
    return entry


@transaction.atomic
def mark_round(*, user: User, quiz_round: QuizRound, marked: str) -> QuizRound:
    """The subject says how close their partner's guess at a text answer came."""
    if marked not in (Marked.MATCH, Marked.CLOSE, Marked.MISS):
        raise InvalidInput("Choose: that's it, close, or not quite.")
    if quiz_round.subject_id != user.pk:
        raise EmpathyError("Only the person it's about can say how close the guess came.")
    couple = access.current_couple(user)
    if couple is None or quiz_round.couple_id != couple.pk:
        raise EmpathyError("This quiz belongs to a couple you're no longer in.")
    if quiz_round.revealed_at is None or quiz_round.kind != "text":
        raise EmpathyError("You can mark a guess at a written answer once you've both answered.")
    quiz_round.marked, quiz_round.match = marked, MARK_SCORES[Marked(marked)]
    quiz_round.save(update_fields=["marked", "match"])
    return quiz_round
