"""Writes of time together: swipes, the couple's filters, plans, highlights, calendar feeds.

Each write owns every rule around it (the couple, a match before a plan, time zones, blank
text) and screens the free text it saves. Refusals are TogetherError (or InvalidInput for
unusable input), with messages safe to show.
"""

import hashlib
import secrets
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.couples.models import Couple, Membership, Visibility
from attunement.lib.errors import DomainError, InvalidInput, require_text
from attunement.safety import screening
from attunement.together.models import (
    HIGHLIGHT_MAX,
    NOTE_MAX,
    PLACE_MAX,
    CalendarFeed,
    Choice,
    CoupleFilters,
    Highlight,
    Plan,
    Preferences,
    Swipe,
)
from attunement.together.suggest import TAGS, Filters

UTC = ZoneInfo("UTC")
MAX_AHEAD = timedelta(days=730)
MINUTES = (30, 60, 90, 120, 180, 240, 480)
HIGHLIGHT_REQUIRED = "Write a line about your favourite moment first."
NOT_CANCELLABLE = "Only a plan that is still ahead can be cancelled."


class TogetherError(DomainError):
    """Something a person tried that cannot happen now (a 409); the message is safe to show."""


def _couple_of(user: User) -> Couple:
    couple = access.current_couple(user)
    if couple is None or access.partner_of(user) is None:
        raise TogetherError("Time together is for two: invite your partner first.")
    return couple


def _activity(activity_id: str) -> dict[str, object]:
    entry = content.get("activities", activity_id)
    if entry is None or entry.get("retired"):
        raise InvalidInput("Choose an activity from the list.")
    return entry


# Swipes and filters ---------------------------------------------------------------------------


@transaction.atomic
def swipe(*, user: User, activity_id: str, choice: str, now: datetime | None = None) -> Swipe:
    """Mark an activity yes, maybe or no, in private (changing a mark replaces it)."""
    if choice not in Choice.values:
        raise InvalidInput("Choose yes, maybe or no.")
    _activity(activity_id)
    couple = _couple_of(user)
    row, _ = Swipe.objects.update_or_create(
        owner=user,
        couple=couple,
        activity_id=activity_id,
        defaults={
            "choice": choice,
            "updated_at": now or timezone.now(),
            "visibility": Visibility.PRIVATE,
        },
    )
    return row


@transaction.atomic
def clear_swipe(*, user: User, activity_id: str) -> bool:
    """Take back a mark: the activity goes back into this person's deck, unmarked. A match it
    made ends with it. True when there was a mark to take back."""
    _activity(activity_id)
    couple = _couple_of(user)
    deleted, _ = Swipe.objects.filter(owner=user, couple=couple, activity_id=activity_id).delete()
    return deleted > 0


def filters_for(user: User) -> Filters:
    couple = access.current_couple(user)
    row = CoupleFilters.objects.filter(couple=couple).first() if couple else None
    if row is None:
        return Filters()
    places = tuple(p for p in row.places.split(",") if p in TAGS["place"])
    return Filters(row.max_cost, row.max_energy, places)


def set_filters(*, user: User, max_cost: str, max_energy: str, places: list[str]) -> Filters:
    """The couple's limits for suggestions; either partner may change them."""
    if max_cost not in TAGS["cost"] or max_energy not in TAGS["energy"]:
        raise InvalidInput("Choose one of the options offered.")
    if not places or any(p not in TAGS["place"] for p in places):
        raise InvalidInput("Choose at least one of: at home, out, at a distance.")
    couple = _couple_of(user)
    ordered = [p for p in TAGS["place"] if p in places]
    CoupleFilters.objects.update_or_create(
        couple=couple,
        defaults={"max_cost": max_cost, "max_energy": max_energy, "places": ",".join(ordered)},
    )
    return Filters(max_cost, max_energy, tuple(ordered))


def preferences_of(user: User) -> Preferences:
    return Preferences.objects.filter(user=user).first() or Preferences(user=user)


def set_preferences(
    *, user: User, reminders: bool, reminder_details: bool, feed_details: bool
) -> Preferences:
    prefs, _ = Preferences.objects.update_or_create(
        user=user,
        defaults={
            "reminders": reminders,
            "reminder_details": reminder_details,
            "feed_details": feed_details,
        },
    )
    return prefs


# Plans ------------------------------------------------------------------------------------------


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`day` at `at` on the clocks of `zone`, as UTC. A time the clocks skip (the hour lost when
    daylight saving starts) is refused; a time that happens twice (when it ends) is the first."""
    local = datetime.combine(day, at, tzinfo=zone)
    moment = local.astimezone(UTC)
    back = moment.astimezone(zone)
    if (back.date(), back.time()) != (day, at.replace(tzinfo=None)):
        raise InvalidInput(
            "That time does not exist on that day where you are (the clocks change). "
            "Choose another time."
        )
    return moment


def reminder_times(
    starts_at: datetime, zone: ZoneInfo, now: datetime
) -> tuple[datetime | None, datetime | None]:
    """When the two reminders fall due: the same clock time the day before, in the planner's
    zone (23 or 25 hours before across a clock change), and an hour before. A reminder whose
    moment has already passed is not sent."""
    local = starts_at.astimezone(zone)
    day_before = datetime.combine(
        local.date() - timedelta(days=1), local.time(), tzinfo=zone
    ).astimezone(UTC)
    hour_before = starts_at - timedelta(hours=1)
    return (day_before if day_before > now else None, hour_before if hour_before > now else None)


@transaction.atomic
def plan_activity(
    *,
    user: User,
    activity_id: str,
    day: date,
    at: time,
    minutes: int = 120,
    place: str = "",
    note: str = "",
    now: datetime | None = None,
) -> Plan:
    """Plan a matched activity for `day` at `at` on the planner's own clock. The partner sees
    it at the same moment on theirs."""
    now = now or timezone.now()
    _activity(activity_id)
    couple = _couple_of(user)
    if minutes not in MINUTES:
        raise InvalidInput("Choose one of the lengths offered.")
    place, note = (place or "").strip(), (note or "").strip()
    if len(place) > PLACE_MAX or len(note) > NOTE_MAX:
        raise InvalidInput(
            f"Keep the place under {PLACE_MAX} and the note under {NOTE_MAX} characters."
        )
    starts_at = local_moment(day, at, user.tz)
    if starts_at <= now:
        raise InvalidInput("Choose a time that hasn't happened yet.")
    if starts_at > now + MAX_AHEAD:
        raise InvalidInput("Choose a time within the next two years.")
    if activity_id not in access.mutual_choices(user, Swipe.objects):
        raise TogetherError("You can plan activities you have both said yes (or yes and maybe) to.")
    day_before, hour_before = reminder_times(starts_at, user.tz, now)
    plan = Plan.objects.create(
        owner=user,
        couple=couple,
        visibility=Visibility.SHARED,
        activity_id=activity_id,
        starts_at=starts_at,
        minutes=minutes,
        time_zone=user.tz.key,
        place=place,
        note=note,
        day_before_at=day_before,
        hour_before_at=hour_before,
    )
    for text in (place, note):
        if text:
            screening.screen(user=user, text=text, where="together.plan_activity")
    return plan


def _require_member(user: User, plan: Plan) -> None:
    couple = access.current_couple(user)
    if couple is None or plan.couple_id != couple.pk:
        raise TogetherError("This plan belongs to a couple you are no longer part of.")


def check_cancellable(*, user: User, plan: Plan, now: datetime | None = None) -> None:
    """Refuse (TogetherError) unless `user` may cancel `plan` now: a plan of their current
    couple that is neither cancelled nor started. The confirmation page asks this first."""
    _require_member(user, plan)
    if plan.is_cancelled:
        raise TogetherError("This plan is already cancelled.")
    if plan.has_started(now):
        raise TogetherError(NOT_CANCELLABLE)


@transaction.atomic
def cancel_plan(*, user: User, plan: Plan, now: datetime | None = None) -> Plan:
    """Cancel a plan that hasn't started. Its reminders are dropped in the same write, so a
    worker can never claim them afterwards. Who cancelled is kept: the partner's pages say so."""
    now = now or timezone.now()
    _require_member(user, plan)
    changed = Plan.objects.filter(pk=plan.pk, cancelled_at__isnull=True, starts_at__gt=now).update(
        cancelled_at=now,
        cancelled_by=user,
        sequence=plan.sequence + 1,
        day_before_at=None,
        hour_before_at=None,
        updated_at=now,
    )
    if changed != 1:
        raise TogetherError(NOT_CANCELLABLE)
    plan.refresh_from_db()
    return plan


@transaction.atomic
def write_highlight(
    *, user: User, plan: Plan, text: str, connection: int, now: datetime | None = None
) -> Highlight:
    """Afterwards: this person's highlight and how connected they felt (1-5). Sealed until
    both have written; the second one reveals both (the plan row is locked, and a conditional
    UPDATE lets exactly one writer reveal). Changeable until the reveal."""
    now = now or timezone.now()
    text = require_text(text, HIGHLIGHT_REQUIRED)
    if len(text) > HIGHLIGHT_MAX:
        raise InvalidInput(f"Please keep it under {HIGHLIGHT_MAX} characters.")
    if isinstance(connection, bool) or not isinstance(connection, int) or not 1 <= connection <= 5:
        raise InvalidInput("Choose how connected you felt, from 1 to 5.")
    _require_member(user, plan)
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    assert locked.couple_id is not None  # _require_member checked it
    if locked.is_cancelled or not locked.has_started(now):
        raise TogetherError("You can write about a plan once it has happened.")
    if locked.memory_revealed_at is not None:
        raise TogetherError("You have both written about this one, so it is kept as it is.")
    highlight, _ = Highlight.objects.update_or_create(
        plan=locked,
        owner=user,
        defaults={
            "text": text,
            "connection": connection,
            "couple": locked.couple,
            "visibility": Visibility.SEALED,
        },
    )
    screening.screen(user=user, text=highlight.text, where="together.write_highlight")
    members = Membership.objects.filter(couple_id=locked.couple_id, left_at__isnull=True)
    written = Highlight.objects.filter(plan=locked, owner_id__in=members.values("user_id")).count()
    if written >= 2:
        claimed = Plan.objects.filter(pk=locked.pk, memory_revealed_at__isnull=True).update(
            memory_revealed_at=now
        )
        if claimed:
            Highlight.objects.filter(plan=locked).update(revealed_at=now)
            highlight.refresh_from_db(fields=["revealed_at"])
    return highlight


# Calendar feeds ---------------------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def new_feed(*, user: User, now: datetime | None = None) -> CalendarFeed:
    """A fresh private calendar address; any earlier one stops working at once."""
    revoke_feed(user=user, now=now)
    token = secrets.token_urlsafe(32)
    return CalendarFeed.objects.create(user=user, token_hash=_hash(token), token=token)


def revoke_feed(*, user: User, now: datetime | None = None) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(token: str) -> User | None:
    """The person whose live feed this token opens, or None (then the address is a 404)."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.filter(token_hash=_hash(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    return feed.user
