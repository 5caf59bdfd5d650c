"""Writes of the empathy strategy: feeling rounds and guesses, perspective-taking stories and
ratings. (The quiz's writes live in quiz.py.)

Each service owns every rule of its write (choices, state, who may write, the safety gate for
joint exercises) and screens the free text it saves, so no caller can skip one. Refusals are
EmpathyError (or InvalidInput for unusable input), with messages safe to show.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from attunement.accounts.models import User
from attunement.content import feelings as feeling_set
from attunement.couples import access
from attunement.couples.models import Couple, Membership, Visibility
from attunement.empathy.accuracy import accuracy
from attunement.empathy.models import (
    BECAUSE_MAX,
    MAX_FEELINGS,
    MISSED_MAX,
    STORY_MAX,
    TOPIC_MAX,
    Disagreement,
    FeelingGuess,
    FeelingRound,
    Story,
    StoryRating,
)
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.safety import hooks, screening

NO_PARTNER = "This one is for the two of you: invite your partner first."


class EmpathyError(DomainError):
    """An empathy write that cannot happen now (a 409); the message is safe to show."""


def _check_feelings(feelings: list[str], intensity: int) -> list[str]:
    feelings = list(dict.fromkeys(str(f) for f in feelings))
    if not feelings or len(feelings) > MAX_FEELINGS:
        raise InvalidInput("Pick one to five feelings, the ones that stand out most.")
    if any(f not in feeling_set.BY_ID for f in feelings):
        raise InvalidInput("Pick feelings from the list.")
    if isinstance(intensity, bool) or not isinstance(intensity, int) or not 1 <= intensity <= 5:
        raise InvalidInput("Intensity runs from 1 to 5.")
    return feelings


def _couple_or_refuse(user: User) -> Couple:
    couple = access.current_couple(user)
    if couple is None or access.partner_of(user) is None:
        raise EmpathyError(NO_PARTNER)
    return couple


@transaction.atomic
def start_round(
    *,
    user: User,
    feelings: list[str],
    intensity: int,
    because: str = "",
    from_check_in: bool = False,
) -> FeelingRound:
    """Record how this person feels right now, sealed for the partner to guess. `because` is
    optional and screened."""
    feelings = _check_feelings(feelings, intensity)
    because = (because or "").strip()
    if len(because) > BECAUSE_MAX:
        raise InvalidInput(f"Keep the “because” under {BECAUSE_MAX} characters.")
    couple = _couple_or_refuse(user)
    feeling_round = FeelingRound.objects.create(
        owner=user,
        couple=couple,
        visibility=Visibility.SEALED,
        feelings=feelings,
        intensity=intensity,
        because=because,
        from_check_in=bool(from_check_in),
    )
    screening.screen(user=user, text=because, where="empathy.round")
    return feeling_round


@transaction.atomic
def guess_round(
    *,
    user: User,
    feeling_round: FeelingRound,
    feelings: list[str],
    intensity: int,
    now: datetime | None = None,
) -> FeelingGuess:
    """The partner's guess. Both sides are then in: the round and the guess are revealed
    together, with the empathic-accuracy score. Load the round with access.feeling_rounds."""
    feelings = _check_feelings(feelings, intensity)
    locked = FeelingRound.objects.select_for_update().get(pk=feeling_round.pk)
    if locked.owner_id == user.pk:
        raise EmpathyError("This is your own round: your partner does the guessing.")
    couple = access.current_couple(user)
    if couple is None or locked.couple_id != couple.pk:
        raise EmpathyError("You can guess your partner's rounds only.")
    if locked.revealed_at is not None:
        raise EmpathyError("You've already guessed this one. Here is how it went.")
    now = now or timezone.now()
    score = accuracy(locked.feelings, locked.intensity, feelings, intensity)
    guess = FeelingGuess.objects.create(
        owner=user,
        couple=couple,
        visibility=Visibility.SEALED,
        round=locked,
        feelings=feelings,
        intensity=intensity,
        accuracy=score,
        revealed_at=now,
    )
    FeelingRound.objects.filter(pk=locked.pk).update(revealed_at=now)
    return guess


# Perspective-taking ---------------------------------------------------------------------------


def _joint_allowed(couple: Couple) -> None:
    if not hooks.joint_exercises_allowed(couple):
        raise EmpathyError(hooks.JOINT_OFF_MESSAGE)


@transaction.atomic
def start_disagreement(*, user: User, topic: str) -> Disagreement:
    """Name a disagreement to tell from each other's side. A joint exercise: off when the
    safety gate says so. The topic is screened."""
    topic = require_text(topic, "Name the disagreement in a few words.")
    if len(topic) > TOPIC_MAX:
        raise InvalidInput(f"Keep the name under {TOPIC_MAX} characters.")
    couple = _couple_or_refuse(user)
    _joint_allowed(couple)
    disagreement = Disagreement.objects.create(
        owner=user, couple=couple, visibility=Visibility.SHARED, topic=topic
    )
    screening.screen(user=user, text=topic, where="empathy.disagreement")
    return disagreement


def _members(couple_id: int) -> list[int]:
    return list(
        Membership.objects.filter(couple_id=couple_id, left_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def _lock_current(user: User, disagreement: Disagreement) -> Disagreement:
    couple = access.current_couple(user)
    if couple is None or disagreement.couple_id != couple.pk:
        raise EmpathyError("This disagreement belongs to a couple you're no longer in.")
    _joint_allowed(couple)
    return Disagreement.objects.select_for_update().get(pk=disagreement.pk)


@transaction.atomic
def write_story(
    *, user: User, disagreement: Disagreement, text: str, now: datetime | None = None
) -> Story:
    """Tell the disagreement from the partner's side (or change it until both are in). The
    second story reveals both. Screened."""
    text = require_text(text, "Write a few lines of how it was for your partner.")
    if len(text) > STORY_MAX:
        raise InvalidInput(f"Keep it under {STORY_MAX} characters.")
    locked = _lock_current(user, disagreement)
    if locked.stories_revealed_at is not None:
        raise EmpathyError("You've both told your stories, so they can no longer change.")
    story, created = Story.objects.get_or_create(
        disagreement=locked,
        owner=user,
        defaults={"couple": locked.couple, "visibility": Visibility.SEALED, "text": text},
    )
    if not created:
        story.text = text
        story.save(update_fields=["text", "updated_at"])
    screening.screen(user=user, text=text, where="empathy.story")
    members = _members(locked.couple_id or 0)
    if Story.objects.filter(disagreement=locked, owner_id__in=members).count() >= 2:
        now = now or timezone.now()
        Disagreement.objects.filter(pk=locked.pk).update(stories_revealed_at=now)
        Story.objects.filter(disagreement=locked).update(revealed_at=now)
        story.revealed_at = now
    return story


@transaction.atomic
def rate_story(
    *, user: User, story: Story, captured: int, missed: str = "", now: datetime | None = None
) -> StoryRating:
    """How well the partner's story captured my side (1-5) and what it missed (screened).
    Sealed until both have rated; the second rating reveals both. Load the story through the
    gate (visible, revealed)."""
    if isinstance(captured, bool) or not isinstance(captured, int) or not 1 <= captured <= 5:
        raise InvalidInput("Choose how well it captured your side, from 1 to 5.")
    missed = (missed or "").strip()
    if len(missed) > MISSED_MAX:
        raise InvalidInput(f"Keep it under {MISSED_MAX} characters.")
    if story.owner_id == user.pk:
        raise EmpathyError("This is your own story: your partner rates it.")
    if story.disagreement is None:  # its disagreement went with the writer's account
        raise EmpathyError("This disagreement was deleted, so its stories can't be rated.")
    locked = _lock_current(user, story.disagreement)
    if locked.stories_revealed_at is None:
        raise EmpathyError("You can rate it once you've both told your stories.")
    if locked.ratings_revealed_at is not None:
        raise EmpathyError("You've both rated, so the ratings can no longer change.")
    rating, created = StoryRating.objects.get_or_create(
        story=story,
        defaults={
            "owner": user,
            "couple": locked.couple,
            "visibility": Visibility.SEALED,
            "captured": captured,
            "missed": missed,
        },
    )
    if not created:
        rating.captured, rating.missed = captured, missed
        rating.save(update_fields=["captured", "missed"])
    screening.screen(user=user, text=missed, where="empathy.rating")
    rated = StoryRating.objects.filter(story__disagreement=locked).count()
    if rated >= 2:
        now = now or timezone.now()
        Disagreement.objects.filter(pk=locked.pk).update(ratings_revealed_at=now)
        StoryRating.objects.filter(story__disagreement=locked).update(revealed_at=now)
        rating.revealed_at = now
    return rating
