"""The weekly connection pulse: its items (the `pulse_items` catalogue) and its reminder."""

from dataclasses import dataclass
from datetime import date, datetime

from attunement import content
from attunement.accounts.models import User
from attunement.insights.models import PulseAnswer, monday
from attunement.lib.insights import Strategy
from attunement.notifications.reminders import WEEKLY, ReminderKind, offer

OVERALL = "overall"


@dataclass(frozen=True)
class Item:
    id: str
    strategy: str  # a Strategy value, or OVERALL for the closeness slider
    text: str
    low: str
    high: str


def items() -> list[Item]:
    """The strategy items in the order of Strategy (the closeness slider is `closeness()`)."""
    found = {e["strategy"]: e for e in content.load("pulse_items")}
    return [_item(found[s.value]) for s in Strategy if s.value in found]


def closeness() -> Item:
    entry = next(e for e in content.load("pulse_items") if e["strategy"] == OVERALL)
    return _item(entry)


def _item(entry: dict[str, str]) -> Item:
    return Item(entry["id"], entry["strategy"], entry["text"], entry["low"], entry["high"])


def this_week(user: User, now: datetime | None = None) -> date:
    """The Monday of this person's current local week."""
    return monday(user.local_today(now))


def not_yet_answered(people: list[User], now: datetime) -> set[int]:
    """Ids of `people` who have not answered this week's pulse (their own week). One query."""
    weeks = {p.pk: this_week(p, now) for p in people}
    done = set(
        PulseAnswer.objects.filter(owner__in=people, week__in=set(weeks.values())).values_list(
            "owner_id", "week"
        )
    )
    return {pk for pk, week in weeks.items() if (pk, week) not in done}


def offer_pulse_reminder() -> None:
    offer(
        ReminderKind(
            key="pulse",
            label="Weekly pulse",
            cadence=WEEKLY,
            url_name="insights_pulse",
            waiting=not_yet_answered,
            default_hour=18,
            default_weekday=6,
        )
    )
