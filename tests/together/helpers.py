"""Small builders for time-together tests (plain functions, so the access matrix can use them)."""

from datetime import time, timedelta

from django.utils import timezone

from attunement.accounts.models import User
from attunement.together import services
from attunement.together.models import Highlight, Plan

SECRET = "the bench under the cherry tree"
HIGHLIGHT = "your laugh at the top of the hill"
OTHER = "the rain on the way home"
MATCHED = "a-001"
MATCHED_TEXT = "Cook a dish from a country neither of you has visited"
REFUSED = "a-004"  # Build a blanket fort and watch a film inside it
REFUSED_TEXT = "Build a blanket fort"


def both_say(a: User, b: User, activity_id: str = MATCHED, mine: str = "yes", theirs: str = "yes"):
    services.swipe(user=a, activity_id=activity_id, choice=mine)
    services.swipe(user=b, activity_id=activity_id, choice=theirs)


def make_plan(
    a: User, b: User, *, activity_id: str = MATCHED, days: int = 3, note: str = SECRET, at=time(19)
) -> Plan:
    both_say(a, b, activity_id)
    day = a.local_today() + timedelta(days=days)
    return services.plan_activity(
        user=a, activity_id=activity_id, day=day, at=at, place="Home", note=note
    )


def past_plan(a: User, b: User, **kwargs) -> Plan:
    plan = make_plan(a, b, **kwargs)
    Plan.objects.filter(pk=plan.pk).update(starts_at=timezone.now() - timedelta(days=1))
    plan.refresh_from_db()
    return plan


def sealed_highlight(a: User, b: User) -> Plan:
    plan = past_plan(a, b)
    services.write_highlight(user=a, plan=plan, text=HIGHLIGHT, connection=4)
    return plan


def memory(a: User, b: User) -> Plan:
    plan = sealed_highlight(a, b)
    services.write_highlight(user=b, plan=plan, text=OTHER, connection=5)
    plan.refresh_from_db()
    assert plan.memory_revealed_at is not None
    assert Highlight.objects.filter(plan=plan, revealed_at__isnull=False).count() == 2
    return plan
