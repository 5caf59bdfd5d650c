"""What other apps do when a person's own settings change, registered from their
AppConfig.ready() (accounts sits below them and imports none of them)."""

from collections.abc import Callable
from datetime import datetime

from attunement.accounts.models import User

_ON_ZONE_CHANGE: list[Callable[[User, datetime], object]] = []


def when_time_zone_changes(follow: Callable[[User, datetime], object]) -> None:
    """Register `follow(user, now)`, called after a person saves a new time zone (reminders
    move to the same hour on their new clock)."""
    _ON_ZONE_CHANGE.append(follow)


def time_zone_changed(user: User, now: datetime) -> None:
    for follow in _ON_ZONE_CHANGE:
        follow(user, now)
