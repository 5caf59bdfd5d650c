"""Plans as iCalendar (RFC 5545) through the `icalendar` package: one plan as a download, or a
person's private feed of every plan they may read.

A feed says only "Time together" unless its owner chose details: calendars sync to other
services and show on lock screens. A cancelled plan stays in the feed as CANCELLED, with a
higher SEQUENCE, so calendars that already have it remove it.
"""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from icalendar import Calendar, Event

from attunement.together.models import Plan

PLAIN_SUMMARY = "Time together"


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Time together//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def _event(plan: Plan, *, details: bool, stamp: datetime) -> Event:
    # DTSTAMP is when the plan was last revised (RFC 5545, 3.8.7.2): the same plan downloads
    # the same bytes until something about it changes.
    event = Event()
    event.add("uid", f"{plan.uuid}@attunement")
    event.add("dtstamp", stamp)
    event.add("dtstart", plan.starts_at)
    event.add("dtend", plan.ends_at)
    event.add("sequence", plan.sequence)
    event.add("last-modified", plan.updated_at)
    event.add("status", "CANCELLED" if plan.is_cancelled else "CONFIRMED")
    if details:
        event.add("summary", plan.text)
        if plan.place:
            event.add("location", plan.place)
        if plan.note:
            event.add("description", plan.note)
    else:
        event.add("summary", PLAIN_SUMMARY)
    return event


def one_plan(plan: Plan) -> bytes:
    """A single plan, with its details: the person downloading it asked for this one."""
    cal = _calendar()
    cal.add("method", "PUBLISH")
    cal.add_component(_event(plan, details=True, stamp=plan.updated_at))
    body: bytes = cal.to_ical()
    return body


def feed(plans: Iterable[Plan], *, details: bool) -> bytes:
    cal = _calendar()
    cal.add("x-wr-calname", PLAIN_SUMMARY)
    for plan in plans:
        cal.add_component(_event(plan, details=details, stamp=plan.updated_at))
    body: bytes = cal.to_ical()
    return body
