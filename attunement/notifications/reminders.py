"""Reminders people ask for, and the worker job that sends them: few, content-free, on time.

A kind of reminder is offered by the app that knows when something waits: support offers
"check_in", sharing "daily_question" and insights "pulse", each with `offer(...)` from its
AppConfig.ready(). The settings page lists only the kinds offered. (Plans made together are
reminded by the together app itself, the day before and an hour before each plan; its
"Calendar and reminders" page turns them off, and this page links there.)

Sending: `send_due(now)` claims a batch of due rows with one conditional UPDATE (only rows
still due and unclaimed, or whose claim lapsed), so any number of workers never send the same
reminder twice; then asks each kind which of those people still have something waiting (one
query per kind), sends to them the way each chose (email by default; notifications on their
devices when the host set up web push: notifications/push.py), and writes every row's next
time in one bulk update. A failed send is retried with backoff (1, 2, 4 ... minutes, at most
MAX_ATTEMPTS), never inside the person's quiet hours.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse

from attunement.accounts.models import User
from attunement.lib.errors import InvalidInput
from attunement.notifications import emails, push
from attunement.notifications.models import Delivery, QuietHours, Reminder

log = logging.getLogger(__name__)

BATCH = 500
_clock = monotonic  # replaced in tests
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
DAILY, WEEKLY = "daily", "weekly"


@dataclass(frozen=True)
class ReminderKind:
    """One kind of reminder. `waiting(people, now)` returns the ids of those among `people`
    for whom something still waits (one query); nobody is reminded of what they already did."""

    key: str
    label: str  # on the settings page: "Today's question"; the email's words: emails.WAITING
    cadence: str  # DAILY or WEEKLY
    url_name: str
    waiting: Callable[[list[User], datetime], set[int]]
    default_hour: int = 19
    default_weekday: int | None = None


_KINDS: dict[str, ReminderKind] = {}


def offer(kind: ReminderKind) -> None:
    """Offer a kind of reminder (from the owning app's AppConfig.ready())."""
    _KINDS[kind.key] = kind


def kinds() -> list[ReminderKind]:
    return list(_KINDS.values())


def kind(key: str) -> ReminderKind | None:
    return _KINDS.get(key)


# Scheduling ---------------------------------------------------------------------------------


def in_quiet(hour: int, quiet: tuple[int, int] | None) -> bool:
    if quiet is None or quiet[0] == quiet[1]:
        return False
    start, end = quiet
    return start <= hour < end if start < end else hour >= start or hour < end


def _local(day: date, hour: int, user: User) -> datetime:
    # A local hour that does not exist (the spring-forward gap) maps to the hour after it.
    return datetime.combine(day, time(hour), tzinfo=user.tz).astimezone(UTC)


def next_due(
    *, user: User, hour: int, weekday: int | None, after: datetime, quiet: tuple[int, int] | None
) -> datetime:
    """The first `hour` o'clock in the person's own zone strictly after `after` (on `weekday`
    for weekly reminders), moved to the end of their quiet hours if it falls inside them."""
    if in_quiet(hour, quiet):
        assert quiet is not None
        hour = quiet[1]
    day = user.local_now(after).date()
    for offset in range(0, 15):
        candidate_day = day + timedelta(days=offset)
        if weekday is not None and candidate_day.weekday() != weekday:
            continue
        candidate = _local(candidate_day, hour, user)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a matching day comes within two weeks")


def retry_at(
    *, user: User, attempts: int, now: datetime, quiet: tuple[int, int] | None
) -> datetime:
    """After a failed send: 1, 2, 4, 8 ... minutes later, but never inside quiet hours."""
    at = now + timedelta(minutes=2 ** (attempts - 1))
    if quiet is not None and in_quiet(user.local_now(at).hour, quiet):
        return next_due(user=user, hour=quiet[1], weekday=None, after=at, quiet=None)
    return at


def quiet_of(user: User) -> tuple[int, int] | None:
    # A missing reverse one-to-one raises an AttributeError subclass: getattr's default covers it.
    q: QuietHours | None = getattr(user, "quiet", None)
    return None if q is None else (q.start, q.end)


def schedule(reminder: Reminder, now: datetime, quiet: tuple[int, int] | None) -> None:
    """Set `next_at` from the row's settings (None when off or its kind is not offered)."""
    offered = kind(reminder.kind)
    if not reminder.enabled or offered is None:
        reminder.next_at = None
        return
    weekday = reminder.weekday if offered.cadence == WEEKLY else None
    if offered.cadence == WEEKLY and weekday is None:
        weekday = offered.default_weekday or 0
    reminder.next_at = next_due(
        user=reminder.user, hour=reminder.hour, weekday=weekday, after=now, quiet=quiet
    )


# Sending ------------------------------------------------------------------------------------


def _claim(now: datetime, token: str) -> int:
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = Reminder.objects.filter(free, next_at__lte=now)
    ids = due.order_by("next_at").values("pk")[:BATCH]
    if connection.vendor == "postgresql":
        # Skip rows another worker is claiming this instant instead of waiting for them.
        ids = ids.select_for_update(skip_locked=True)
    with transaction.atomic():
        # The conditions are repeated outside the subquery: on PostgreSQL a row another worker
        # just claimed is re-checked against them and skipped.
        return due.filter(pk__in=ids).update(claimed_by=token, claimed_until=now + LEASE)


def send_due(now: datetime) -> int:
    """Send every due reminder once, even with several workers; returns how many were sent."""
    sent = 0
    while True:
        token = uuid.uuid4().hex
        if not _claim(now, token):
            return sent
        claimed = Reminder.objects.filter(claimed_by=token).select_related(
            "user", "user__quiet", "user__delivery"
        )
        if push.configured():
            claimed = claimed.prefetch_related("user__push_subscriptions")
        rows = list(claimed)
        sent += _send_batch(rows, now)
        _release(rows, token)


def _release(rows: list[Reminder], token: str) -> None:
    """Write each row's next time and let go of the claim: one UPDATE per distinct outcome
    (people in the same zone at the same hour share one), never touching a row whose claim
    lapsed and went to another worker."""
    groups: dict[tuple[datetime | None, int], list[int]] = {}
    for row in rows:
        groups.setdefault((row.next_at, row.attempts), []).append(row.pk)
    for (next_at, attempts), ids in groups.items():
        Reminder.objects.filter(pk__in=ids, claimed_by=token).update(
            next_at=next_at, attempts=attempts, claimed_by="", claimed_until=None
        )


def _send_batch(rows: list[Reminder], now: datetime) -> int:
    """Send what is due in a claimed batch. Slow push services (each device may take up to
    push.TIMEOUT_SECONDS) must not outlast the claim, or another worker would take the batch
    over and send again: rows not reached a minute before the lease ends are left untouched,
    still due, for the next pass."""
    sent = 0
    deadline = _clock() + (LEASE - timedelta(minutes=1)).total_seconds()
    by_kind: dict[str, list[Reminder]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    settings_path = reverse("reminders")
    for key, group in by_kind.items():
        offered = kind(key)
        people = [r.user for r in group if r.user.is_active]
        waiting = offered.waiting(people, now) if offered and people else set()
        path = reverse(offered.url_name) if offered else ""
        for row in group:
            if _clock() > deadline:
                continue  # released as it was: due, unclaimed, for the next pass
            quiet = quiet_of(row.user)
            if offered is not None and row.user_id in waiting and row.user.is_active:
                try:
                    deliver(row.user, kind=key, path=path, settings_path=settings_path)
                except Exception:
                    row.attempts += 1
                    log.warning("A %s reminder failed (attempt %d).", key, row.attempts)
                    if row.attempts < MAX_ATTEMPTS:
                        row.next_at = retry_at(
                            user=row.user, attempts=row.attempts, now=now, quiet=quiet
                        )
                        continue
                else:
                    sent += 1
            row.attempts = 0
            schedule(row, now, quiet)
    return sent


def deliver(user: User, *, kind: str, path: str, settings_path: str) -> None:
    """Send one reminder the way this person chose. Notifications go to every device they
    turned on; with none left (or web push not set up) it goes by email instead, so a reminder
    is never silently dropped. With "both", it counts as sent once either way reached them.
    Raises when it reached them no way at all, so the worker retries."""
    channel = push.channel_of(user)
    pushed, push_failed = False, None
    if channel != Delivery.Channel.EMAIL and push.configured():
        words = emails.WAITING.get(kind, "something")
        message = push.Message(
            title=settings.SITE_NAME,
            body=f"{words[:1].upper()}{words[1:]} is waiting",
            url=path,
            tag=kind,
        )
        try:
            pushed = push.send(list(user.push_subscriptions.all()), message)
        except push.PushFailed as error:
            push_failed = error
    if pushed and channel == Delivery.Channel.PUSH:
        return
    if push_failed is not None and channel == Delivery.Channel.PUSH:
        raise push_failed
    try:
        emails.reminder(to=user.email, kind=kind, reminder_path=path, settings_path=settings_path)
    except Exception:
        if not pushed:
            raise


# Settings -----------------------------------------------------------------------------------


def settings_for(user: User) -> list[Reminder]:
    """One row per offered kind for this person (unsaved defaults where they have none)."""
    saved = {r.kind: r for r in Reminder.objects.filter(user=user)}
    rows = []
    for k in kinds():
        row = saved.get(k.key) or Reminder(
            user=user, kind=k.key, hour=k.default_hour, weekday=k.default_weekday
        )
        row.user = user
        rows.append(row)
    return rows


class ReminderError(InvalidInput):
    pass


def reschedule(user: User, now: datetime) -> None:
    """Recompute this person's next times (after their time zone changed)."""
    quiet = quiet_of(user)
    for row in Reminder.objects.filter(user=user, enabled=True):
        row.user = user
        schedule(row, now, quiet)
        row.save(update_fields=["next_at"])


@transaction.atomic
def save_settings(
    *,
    user: User,
    choices: Iterable[tuple[str, bool, int, int | None]],
    quiet: tuple[int, int] | None,
    now: datetime,
    delivery: str | None = None,
) -> None:
    """Save each offered kind's (kind, enabled, hour, weekday), the quiet hours and, when
    given, how reminders reach the person (a Delivery.Channel; notifications only where the
    host set up web push), and reschedule them all. An hour inside the quiet hours is
    refused: quiet means quiet."""
    choices = list(choices)
    hours = [*(c[2] for c in choices), *(quiet or ())]
    if any(not 0 <= h <= 23 for h in hours):
        raise ReminderError("Pick an hour between 0 and 23.")
    if any(c[3] is not None and not 0 <= c[3] <= 6 for c in choices):
        raise ReminderError("Pick a day of the week.")
    if any(kind(c[0]) is None for c in choices):
        raise ReminderError("That reminder isn't available.")
    if any(enabled and in_quiet(hour, quiet) for _, enabled, hour, _ in choices):
        raise ReminderError("One reminder falls inside your quiet hours: move it or them.")
    if delivery is not None:
        if delivery not in Delivery.Channel.values:
            raise ReminderError("Choose how reminders reach you.")
        if delivery != Delivery.Channel.EMAIL and not push.configured():
            raise ReminderError("Notifications aren't available on this server: email it is.")
        Delivery.objects.update_or_create(user=user, defaults={"channel": delivery})
    if quiet is None:
        QuietHours.objects.filter(user=user).delete()
    else:
        QuietHours.objects.update_or_create(
            user=user, defaults={"start": quiet[0], "end": quiet[1]}
        )
    for key, enabled, hour, weekday in choices:
        row, _ = Reminder.objects.get_or_create(user=user, kind=key)
        row.user = user
        row.enabled, row.hour, row.weekday, row.attempts = enabled, hour, weekday, 0
        schedule(row, now, quiet)
        row.save(update_fields=["enabled", "hour", "weekday", "attempts", "next_at"])
