"""`{{ moment|ago }}`: "just now", "5 minutes ago", "5 days ago" (one unit, never "5 days,
17 hours ago" or "0 minutes ago"). A template builtin (settings.TEMPLATES), so every app's
templates have it without a load."""

from datetime import datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timesince

register = template.Library()

JUST_NOW = timedelta(minutes=1)


@register.filter
def ago(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if timezone.now() - moment < JUST_NOW:
        return "just now"
    return f"{timesince(moment, depth=1)} ago"
