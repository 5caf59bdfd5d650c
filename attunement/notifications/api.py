"""Reminder settings in the API: the same service as the page."""

from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from attunement.accounts.http import SignedInRequest
from attunement.notifications import push, reminders
from attunement.notifications.models import Delivery

router = Router()


class KindSetting(Schema):
    kind: str = Field(max_length=24)
    enabled: bool
    hour: int = Field(ge=0, le=23)
    weekday: int | None = Field(default=None, ge=0, le=6)


class Quiet(Schema):
    start: int = Field(ge=0, le=23)
    end: int = Field(ge=0, le=23)


class CheckInSetting(Schema):
    enabled: bool
    hour: int = Field(ge=0, le=23)


class RemindersIo(Schema):
    check_in: CheckInSetting
    kinds: list[KindSetting] = Field(max_length=20)
    quiet: Quiet | None = None
    # How reminders reach the person; "push"/"both" only where the host set up web push.
    # Left out of a PUT: unchanged.
    delivery: Delivery.Channel | None = None


# The check-in reminder is a kind like the others (support offers it), but the API has always
# given it its own field: it stays there, and out of `kinds`.
CHECK_IN = "check_in"


def _read(request: SignedInRequest) -> RemindersIo:
    user = request.auth
    quiet = reminders.quiet_of(user)
    rows = reminders.settings_for(user)
    check_in = next(r for r in rows if r.kind == CHECK_IN)
    return RemindersIo(
        check_in=CheckInSetting(enabled=check_in.enabled, hour=check_in.hour),
        kinds=[
            KindSetting(kind=r.kind, enabled=r.enabled, hour=r.hour, weekday=r.weekday)
            for r in rows
            if r.kind != CHECK_IN
        ],
        quiet=Quiet(start=quiet[0], end=quiet[1]) if quiet else None,
        delivery=Delivery.Channel(push.channel_of(user)),
    )


@router.get("/reminders", response=RemindersIo)
def get_reminders(request: SignedInRequest) -> RemindersIo:
    return _read(request)


@router.put("/reminders", response=RemindersIo)
def put_reminders(request: SignedInRequest, payload: RemindersIo) -> RemindersIo:
    reminders.save_settings(
        user=request.auth,
        choices=[
            (CHECK_IN, payload.check_in.enabled, payload.check_in.hour, None),
            *((k.kind, k.enabled, k.hour, k.weekday) for k in payload.kinds if k.kind != CHECK_IN),
        ],
        quiet=(payload.quiet.start, payload.quiet.end) if payload.quiet else None,
        now=timezone.now(),
        delivery=payload.delivery.value if payload.delivery else None,
    )
    return _read(request)
