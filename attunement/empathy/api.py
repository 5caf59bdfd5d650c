"""Empathy API: feeling rounds and guesses, the quiz, self-knowledge answers, perspective
stories and ratings; sealed exactly like the pages.

Routes load through the gate, call the service and serialise with the models' own `to_dict`;
refusals (EmpathyError, InvalidInput) and 404s are answered by the handlers in attunement/api.py.
"""

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import Http404
from ninja import Router, Schema
from pydantic import Field

from attunement import content
from attunement.accounts.http import SignedInRequest
from attunement.accounts.models import User
from attunement.couples import access
from attunement.empathy import quiz, services
from attunement.empathy.models import (
    BECAUSE_MAX,
    MAX_FEELINGS,
    MISSED_MAX,
    STORY_MAX,
    TOPIC_MAX,
    Disagreement,
    FeelingGuess,
    FeelingId,
    FeelingRound,
    Marked,
    QuizEntry,
    QuizKind,
    QuizRound,
    SelfAnswer,
    Story,
    StoryRating,
)
from attunement.lib.paging import window
from attunement.safety import screening
from attunement.safety.schemas import WithCare

router = Router()
Answer = str | list[str]


class GuessOut(Schema):
    author: str
    mine: bool
    feelings: list[FeelingId]
    feeling_labels: list[str]
    intensity: int
    accuracy: int | None


class RoundOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    created_at: datetime
    from_check_in: bool
    revealed: bool
    feelings: list[FeelingId]
    feeling_labels: list[str]
    intensity: int | None
    because: str
    guess: GuessOut | None


class RoundStartedOut(RoundOut, WithCare):
    """The writer's own response: `care` only when their words suggest risk."""


class FeelingsIn(Schema):
    feelings: list[FeelingId] = Field(min_length=1, max_length=MAX_FEELINGS)
    intensity: int = Field(ge=1, le=5)


class RoundIn(FeelingsIn):
    because: str = Field(default="", max_length=BECAUSE_MAX)
    from_check_in: bool = False


class AccuracyPoint(Schema):
    created_at: datetime
    accuracy: int


class QuizRoundOut(Schema):
    uuid: UUID
    item_id: str
    text: str
    topic: str
    topic_label: str
    kind: QuizKind
    options: list[str]
    about_me: bool
    created_at: datetime
    expired: bool
    revealed: bool
    mine: Answer | None
    theirs: Answer | None
    match: int | None
    marked: Marked


class QuizValueIn(Schema):
    value: str | list[str]  # the service checks it against the item (choice, text, ranking)


class MarkIn(Schema):
    marked: Marked


class SelfAnswerOut(Schema):
    item_id: str
    text: str
    answer: Answer
    current: bool
    expires_at: datetime | None


class RatingOut(Schema):
    captured: int
    missed: str
    mine: bool


class StoryOut(Schema):
    uuid: UUID
    author: str
    mine: bool
    text: str
    revealed: bool
    rating: RatingOut | None


class DisagreementOut(Schema):
    uuid: UUID
    topic: str
    started_by: str
    created_at: datetime
    stories_revealed: bool
    ratings_revealed: bool
    stories: list[StoryOut]


class DisagreementWrittenOut(DisagreementOut, WithCare):
    """The writer's own response: `care` only when their words suggest risk."""


class TopicIn(Schema):
    topic: str = Field(max_length=TOPIC_MAX)


class StoryIn(Schema):
    text: str = Field(max_length=STORY_MAX)


class RatingIn(Schema):
    captured: int = Field(ge=1, le=5)
    missed: str = Field(default="", max_length=MISSED_MAX)


# Feeling rounds -------------------------------------------------------------------------------


def _rounds(user: User) -> QuerySet[FeelingRound]:
    return access.feeling_rounds(
        user, FeelingRound.objects.select_related("owner", "guess", "guess__owner")
    )


@router.get("/rounds", response=list[RoundOut])
def rounds(request: SignedInRequest, limit: int = 30, offset: int = 0) -> list[dict[str, Any]]:
    user = request.auth
    return [r.to_dict(user) for r in _rounds(user).order_by("-created_at")[window(limit, offset)]]


@router.post("/rounds", response={201: RoundStartedOut})
def start_round(request: SignedInRequest, payload: RoundIn) -> tuple[int, dict[str, Any]]:
    made = services.start_round(
        user=request.auth,
        feelings=[str(f) for f in payload.feelings],
        intensity=payload.intensity,
        because=payload.because,
        from_check_in=payload.from_check_in,
    )
    shown = _rounds(request.auth).get(pk=made.pk).to_dict(request.auth)
    return 201, {**shown, "care": screening.care_payload()}


@router.get("/rounds/{uuid}", response=RoundOut)
def round_detail(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    return access.get_feeling_round_or_404(request.auth, _rounds(request.auth), uuid=uuid).to_dict(
        request.auth
    )


@router.post("/rounds/{uuid}/guess", response={201: RoundOut})
def guess(request: SignedInRequest, uuid: UUID, payload: FeelingsIn) -> tuple[int, dict[str, Any]]:
    item = access.get_feeling_round_or_404(request.auth, FeelingRound.objects, uuid=uuid)
    services.guess_round(
        user=request.auth,
        feeling_round=item,
        feelings=[str(f) for f in payload.feelings],
        intensity=payload.intensity,
    )
    return 201, _rounds(request.auth).get(pk=item.pk).to_dict(request.auth)


@router.get("/accuracy", response=list[AccuracyPoint])
def accuracy(request: SignedInRequest, limit: int = 30, offset: int = 0) -> list[dict[str, Any]]:
    """This person's own guesses, newest first: never a score of the partner's guesses."""
    rows = access.own(request.auth, FeelingGuess.objects).order_by("-created_at")
    return [
        {"created_at": g.created_at, "accuracy": g.accuracy_percent or 0}
        for g in rows[window(limit, offset)]
    ]


# The quiz -------------------------------------------------------------------------------------


def _quiz_rounds(user: User, rows: list[QuizRound]) -> list[dict[str, Any]]:
    entries = list(access.visible(user, QuizEntry.objects.filter(round__in=[r.pk for r in rows])))
    return [r.to_dict(user, [e for e in entries if e.round_id == r.pk]) for r in rows]


def _quiz_round_or_404(user: User, uuid: UUID) -> QuizRound:
    return access.get_couples_row_or_404(user, QuizRound.objects, uuid=uuid)


@router.get("/quiz", response=list[QuizRoundOut])
def quiz_rounds(request: SignedInRequest) -> list[dict[str, Any]]:
    """The couple's latest question about each of them (about me first), served on first ask."""
    return _quiz_rounds(request.auth, quiz.open_rounds(user=request.auth))


@router.post("/quiz/next", response=list[QuizRoundOut])
def quiz_next(request: SignedInRequest) -> list[dict[str, Any]]:
    return _quiz_rounds(request.auth, quiz.next_rounds(user=request.auth))


@router.post("/quiz/{uuid}/answer", response=QuizRoundOut)
def quiz_answer(request: SignedInRequest, uuid: UUID, payload: QuizValueIn) -> dict[str, Any]:
    item = _quiz_round_or_404(request.auth, uuid)
    quiz.answer_round(user=request.auth, quiz_round=item, value=payload.value)
    return _quiz_rounds(request.auth, [_quiz_round_or_404(request.auth, uuid)])[0]


@router.post("/quiz/{uuid}/guess", response=QuizRoundOut)
def quiz_guess(request: SignedInRequest, uuid: UUID, payload: QuizValueIn) -> dict[str, Any]:
    item = _quiz_round_or_404(request.auth, uuid)
    quiz.guess_round(user=request.auth, quiz_round=item, value=payload.value)
    return _quiz_rounds(request.auth, [_quiz_round_or_404(request.auth, uuid)])[0]


@router.post("/quiz/{uuid}/mark", response=QuizRoundOut)
def quiz_mark(request: SignedInRequest, uuid: UUID, payload: MarkIn) -> dict[str, Any]:
    item = _quiz_round_or_404(request.auth, uuid)
    quiz.mark_round(user=request.auth, quiz_round=item, marked=payload.marked)
    return _quiz_rounds(request.auth, [item])[0]


def _self_answer(a: SelfAnswer) -> dict[str, Any]:
    item = content.get("partner_quiz", a.item_id) or {"text": ""}
    return {
        "item_id": a.item_id,
        "text": item["text"],
        "answer": a.answer,
        "current": a.is_current(),
        "expires_at": a.expires_at,
    }


@router.get("/self-answers", response=list[SelfAnswerOut])
def self_answers(request: SignedInRequest) -> list[dict[str, Any]]:
    """This person's own answers about themself (private, never the partner's)."""
    return [_self_answer(a) for a in access.own(request.auth, SelfAnswer.objects)]


@router.put("/self-answers/{item_id}", response=SelfAnswerOut)
def put_self_answer(request: SignedInRequest, item_id: str, payload: QuizValueIn) -> dict[str, Any]:
    if content.get("partner_quiz", item_id) is None:
        raise Http404
    saved = quiz.save_self_answer(user=request.auth, item_id=item_id, value=payload.value)
    return _self_answer(saved)


# Perspective-taking ---------------------------------------------------------------------------


def _disagreements(user: User, items: list[Disagreement]) -> list[dict[str, Any]]:
    """Each as `user` sees it, with the stories and ratings the gate lets through (two queries
    for any number of them)."""
    ids = [d.pk for d in items]
    stories = list(
        access.visible(user, Story.objects.filter(disagreement__in=ids)).select_related("owner")
    )
    ratings = list(access.visible(user, StoryRating.objects.filter(story__disagreement__in=ids)))
    return [
        d.to_dict(
            user,
            [s for s in stories if s.disagreement_id == d.pk],
            [
                r
                for r in ratings
                if r.story_id in {s.pk for s in stories if s.disagreement_id == d.pk}
            ],
        )
        for d in items
    ]


def _disagreement(user: User, item: Disagreement) -> dict[str, Any]:
    return _disagreements(user, [item])[0]


def _disagreement_or_404(user: User, uuid: UUID) -> Disagreement:
    return access.get_visible_or_404(user, Disagreement.objects.select_related("owner"), uuid=uuid)


@router.get("/disagreements", response=list[DisagreementOut])
def disagreements(
    request: SignedInRequest, limit: int = 20, offset: int = 0
) -> list[dict[str, Any]]:
    user = request.auth
    rows = access.visible(user, Disagreement.objects).select_related("owner")
    return _disagreements(user, list(rows.order_by("-created_at")[window(limit, offset)]))


@router.post("/disagreements", response={201: DisagreementWrittenOut})
def start_disagreement(request: SignedInRequest, payload: TopicIn) -> tuple[int, dict[str, Any]]:
    made = services.start_disagreement(user=request.auth, topic=payload.topic)
    shown = _disagreement(request.auth, _disagreement_or_404(request.auth, made.uuid))
    return 201, {**shown, "care": screening.care_payload()}


@router.get("/disagreements/{uuid}", response=DisagreementOut)
def disagreement(request: SignedInRequest, uuid: UUID) -> dict[str, Any]:
    return _disagreement(request.auth, _disagreement_or_404(request.auth, uuid))


@router.post("/disagreements/{uuid}/story", response={201: DisagreementWrittenOut})
def story(request: SignedInRequest, uuid: UUID, payload: StoryIn) -> tuple[int, dict[str, Any]]:
    item = _disagreement_or_404(request.auth, uuid)
    services.write_story(user=request.auth, disagreement=item, text=payload.text)
    shown = _disagreement(request.auth, _disagreement_or_404(request.auth, uuid))
    return 201, {**shown, "care": screening.care_payload()}


@router.post("/stories/{uuid}/rating", response={201: DisagreementWrittenOut})
def rate(request: SignedInRequest, uuid: UUID, payload: RatingIn) -> tuple[int, dict[str, Any]]:
    target = access.get_visible_or_404(
        request.auth,
        access.partners_rows(
            request.auth, Story.objects.filter(disagreement__isnull=False)
        ).select_related("disagreement"),
        uuid=uuid,
    )
    services.rate_story(
        user=request.auth, story=target, captured=payload.captured, missed=payload.missed
    )
    assert target.disagreement is not None  # loaded with one
    item = _disagreement_or_404(request.auth, target.disagreement.uuid)
    return 201, {**_disagreement(request.auth, item), "care": screening.care_payload()}
