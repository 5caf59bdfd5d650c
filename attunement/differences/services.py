"""Writes of the differences strategy: answering the self-assessment, sharing a profile,
guessing the partner's, and revealing the guesses once both are done.

Each service owns every rule of its write (known items, the 1..7 scale, all statements
answered, who may guess), so no caller can skip one. Nothing here holds free text.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Couple, Visibility
from attunement.differences import compare, scoring
from attunement.differences.models import CardTalk, ProfileVisibility, StyleGuess, StyleTake
from attunement.lib.errors import DomainError, InvalidInput

NO_PARTNER = "Guessing is for two: invite your partner first."
GUESS_REVEALED = "Your guesses are already revealed, so they stay as they were."


class DifferencesError(DomainError):
    """A differences write that cannot happen; the message is safe to show."""


def draft_of(user: User) -> StyleTake | None:
    """The person's take in progress, if any."""
    return StyleTake.objects.filter(owner=user, completed_at__isnull=True).first()


def latest_take(user: User) -> StyleTake | None:
    return (
        StyleTake.objects.filter(owner=user, completed_at__isnull=False)
        .order_by("-completed_at")
        .first()
    )


@transaction.atomic
def save_answers(*, user: User, dimension: str, answers: dict[str, object]) -> StyleTake:
    """Save the answers of one screen (a dimension) into the person's take in progress,
    starting one if needed. Every statement on the screen must be answered, 1..7."""
    found = scoring.dimension(dimension)
    if found is None:
        raise InvalidInput("That part of the reflection doesn't exist.")
    checked = scoring.check_answers(answers)
    if set(checked) != {item["id"] for item in found.items}:
        raise InvalidInput("Answer every statement on this screen.")
    draft = (
        StyleTake.objects.select_for_update().filter(owner=user, completed_at__isnull=True).first()
    )
    if draft is None:
        draft = StyleTake(owner=user, couple=access.current_couple(user))
        draft.visibility = Visibility.PRIVATE
    draft.answers = {**draft.answers, **checked}
    draft.save()
    return draft


@transaction.atomic
def finish_take(*, user: User) -> StyleTake:
    """Complete the take in progress: refused (and left in progress) while any statement is
    unanswered; otherwise scored, with the person's sharing choice carried over."""
    draft = (
        StyleTake.objects.select_for_update().filter(owner=user, completed_at__isnull=True).first()
    )
    if draft is None:
        raise InvalidInput("Answer every statement first: your profile needs all of them.")
    return _complete(user, draft)


@transaction.atomic
def submit_take(*, user: User, answers: dict[str, object]) -> StyleTake:
    """A whole take at once (the API): every statement answered, scored, completed."""
    take = StyleTake(owner=user, couple=access.current_couple(user), answers={})
    take.answers = scoring.check_answers(answers)
    StyleTake.objects.filter(owner=user, completed_at__isnull=True).delete()
    return _complete(user, take)


def _complete(user: User, take: StyleTake) -> StyleTake:
    take.scores = scoring.score(take.answers)  # refuses missing answers
    previous = latest_take(user)
    # A retake keeps the person's sharing choice.
    take.visibility = previous.visibility if previous else ProfileVisibility.PRIVATE
    take.couple = access.current_couple(user) or take.couple
    take.completed_at = timezone.now()
    take.save()
    reveal_guesses_if_ready(access.current_couple(user))
    return take


@transaction.atomic
def set_profile_sharing(*, user: User, shared: bool) -> int:
    """Share the person's profile with their current partner, or take it back. Applies to
    every take they have completed (the partner reads only the latest). Returns how many."""
    takes = StyleTake.objects.filter(owner=user, completed_at__isnull=False)
    if not takes.exists():
        raise DifferencesError("Take the reflection first; then you can choose to share it.")
    if shared:
        couple = access.current_couple(user)
        if couple is None:
            raise DifferencesError("Sharing is with your partner: invite them first.")
        return takes.update(visibility=ProfileVisibility.SHARED, couple=couple)
    return takes.update(visibility=ProfileVisibility.PRIVATE)


@transaction.atomic
def save_guess(*, user: User, scores: dict[str, object]) -> StyleGuess:
    """The person's guess of their partner's style: one whole number 1..7 for every scale.
    Sealed until both have taken the reflection and guessed; then fixed."""
    partner = access.partner_of(user)
    couple = access.current_couple(user)
    if partner is None or couple is None:
        raise DifferencesError(NO_PARTNER)
    known = scoring.scales()
    if set(scores) != set(known):
        raise InvalidInput("Give a guess for every part of the profile.")
    if not all(scoring.valid_answer(v) for v in scores.values()):
        raise InvalidInput("Guesses run from 1 to 7.")
    guess = StyleGuess.objects.select_for_update().filter(owner=user, couple=couple).first()
    if guess is not None and guess.revealed_at is not None:
        raise DifferencesError(GUESS_REVEALED)
    if guess is None:
        guess = StyleGuess(owner=user, couple=couple, about=partner)
    guess.visibility = Visibility.SEALED
    guess.scores = {key: int(scores[key]) for key in known}  # type: ignore[call-overload]
    guess.save()
    if reveal_guesses_if_ready(couple):
        guess.refresh_from_db(fields=["revealed_at"])
    return guess


def reveal_guesses_if_ready(couple: Couple | None) -> bool:
    """Reveal both guesses of `couple` once each partner has completed a take and guessed."""
    if couple is None:
        return False
    members = list(couple.memberships.filter(left_at__isnull=True).values_list("user", flat=True))
    guesses = StyleGuess.objects.filter(couple=couple, owner__in=members)
    if len(members) != 2 or guesses.count() != 2:
        return False
    done = (
        StyleTake.objects.filter(owner__in=members, completed_at__isnull=False)
        .values("owner")
        .distinct()
        .count()
    )
    if done != 2:
        return False
    return guesses.filter(revealed_at__isnull=True).update(revealed_at=timezone.now()) > 0


NOT_ON_YOUR_MAP = "That card isn't on your map right now, so there's nothing to mark."


@transaction.atomic
def record_card_talk(*, user: User, card_id: str, now: datetime | None = None) -> CardTalk:
    """Note that the couple talked about one of the difference cards on their map today (the
    reader's own day). Marking it again the same day, by either of them, changes nothing.
    The card must be one this person's map shows now: both profiles shared and guesses in."""
    if not any(item["id"] == card_id for item in content.load("difference_cards")):
        raise InvalidInput("Choose a card from your map.")
    couple = access.current_couple(user)
    if couple is None or access.partner_of(user) is None:
        raise DifferencesError("Talking a card over is for two: invite your partner first.")
    if card_id not in {card.id for card in compare.build(user).cards()}:
        raise DifferencesError(NOT_ON_YOUR_MAP)
    talk, _ = CardTalk.objects.get_or_create(
        couple=couple,
        card_id=card_id,
        talked_on=user.local_today(now),
        defaults={"owner": user, "visibility": Visibility.SHARED},
    )
    return talk


@transaction.atomic
def take_back_card_talk(*, user: User, card_id: str, now: datetime | None = None) -> None:
    """Undo today's "we talked about this one" (a mis-tap), by either partner, as they both
    see it. Only today's mark: an earlier day's talk happened and stays."""
    if not any(item["id"] == card_id for item in content.load("difference_cards")):
        raise InvalidInput("Choose a card from your map.")
    couple = access.current_couple(user)
    if couple is None or access.partner_of(user) is None:
        raise DifferencesError("Talking a card over is for two: invite your partner first.")
    today = CardTalk.objects.filter(
        couple=couple, card_id=card_id, talked_on=user.local_today(now)
    )
    if not today.delete()[0]:
        raise DifferencesError("There's no mark from today on that card to take back.")
