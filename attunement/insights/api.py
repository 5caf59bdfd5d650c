"""The pulse, progress series, and focus in the API: the same services and readers as pages."""

from datetime import date
from typing import Literal

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from attunement.accounts.http import SignedInRequest
from attunement.couples import access
from attunement.insights import focus, progress, pulse, services
from attunement.insights.models import CLOSENESS_MAX, PulseAnswer
from attunement.lib.errors import NOT_FOUND
from attunement.lib.insights import Strategy

router = Router()


class ItemOut(Schema):
    id: str
    strategy: str
    text: str
    low: str
    high: str


class PulseOut(Schema):
    week: date
    items: list[ItemOut]
    closeness_item: ItemOut
    answer: dict[str, object] | None


class PulseIn(Schema):
    scores: dict[Strategy, int] = Field(max_length=10)
    closeness: int = Field(ge=0, le=CLOSENESS_MAX)
    share_closeness: bool = False


class SeriesOut(Schema):
    key: str
    strategy: str
    label: str
    unit: str
    low: float
    high: float
    values: list[float | None]


class ProgressOut(Schema):
    span: str
    windows: list[date]
    series: list[SeriesOut]
    closeness_together: list[float | None] | None


class ActionOut(Schema):
    kind: str
    label: str
    url: str
    detail: str


class FocusOut(Schema):
    week: date
    strategy: str
    strategy_label: str
    picked_by_couple: bool
    actions: list[ActionOut]


class FocusIn(Schema):
    strategy: Strategy


class Detail(Schema):
    detail: str


def _pulse(request: SignedInRequest) -> PulseOut:
    user = request.auth
    week = pulse.this_week(user)
    mine = access.own(user, PulseAnswer.objects).filter(week=week).first()
    return PulseOut(
        week=week,
        items=[ItemOut(**vars(i)) for i in pulse.items()],
        closeness_item=ItemOut(**vars(pulse.closeness())),
        answer=mine.to_dict() if mine else None,
    )


@router.get("/pulse", response=PulseOut)
def get_pulse(request: SignedInRequest) -> PulseOut:
    return _pulse(request)


@router.put("/pulse", response=PulseOut)
def put_pulse(request: SignedInRequest, payload: PulseIn) -> PulseOut:
    services.submit_pulse(
        user=request.auth,
        scores={s.value: v for s, v in payload.scores.items()},
        closeness=payload.closeness,
        share_closeness=payload.share_closeness,
    )
    return _pulse(request)


@router.get("/progress", response=ProgressOut)
def get_progress(
    request: SignedInRequest, span: Literal["weeks", "months"] = "weeks"
) -> ProgressOut:
    p = progress.progress_for(request.auth, span)
    return ProgressOut(
        span=p.span,
        windows=[w[0] for w in p.windows],
        series=[
            SeriesOut(
                key=s.figure.key,
                strategy=s.figure.strategy.value,
                label=s.figure.label,
                unit=s.figure.unit,
                low=s.figure.low,
                high=s.figure.high,
                values=s.values,
            )
            for s in p.series
        ],
        closeness_together=p.together,
    )


def _focus(request: SignedInRequest) -> tuple[int, FocusOut | Detail]:
    week = focus.current(request.auth, timezone.now())
    if week is None:
        return 404, Detail(detail=NOT_FOUND)
    return 200, FocusOut(
        week=week.week,
        strategy=week.strategy,
        strategy_label=Strategy(week.strategy).label,
        picked_by_couple=week.picked_by_couple,
        actions=[
            ActionOut(kind=a.kind, label=a.label, url=a.url, detail=a.detail)
            for a in focus.actions_of(request.auth, week)
        ],
    )


@router.get("/focus", response={200: FocusOut, 404: Detail})
def get_focus(request: SignedInRequest) -> tuple[int, FocusOut | Detail]:
    return _focus(request)


@router.put("/focus", response={200: FocusOut, 404: Detail})
def put_focus(request: SignedInRequest, payload: FocusIn) -> tuple[int, FocusOut | Detail]:
    services.pick_focus(user=request.auth, strategy=payload.strategy.value)
    return _focus(request)
