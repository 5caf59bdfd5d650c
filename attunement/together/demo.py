"""Demo history for time together: marks on the catalogue, a few weeks of plans, memories."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from attunement import content
from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.together.models import Highlight, Plan, Swipe
from attunement.together.services import reminder_times

# (activity id, weeks back (0 = coming up), Alex's highlight and rating, Sam's), oldest first.
PLANS = [
    (
        "a-017",
        5,
        ("Chopping onions side by side and singing badly.", 4),
        ("You let me pick the music for once!", 4),
    ),
    (
        "a-002",
        4,
        ("Crumbs everywhere and not caring.", 3),
        ("Starting a Saturday slowly, together.", 4),
    ),
    (
        "a-001",
        3,
        ("We found a stall selling the spices we needed. Felt like travelling.", 5),
        ("Trying to pronounce the dish's name for ten minutes straight.", 5),
    ),
    (
        "a-048",
        2,
        ("Both of us falling over in the tree pose.", 3),
        ("Quiet, then laughing. A good mix.", 4),
    ),
    (
        "a-033",
        1,
        ("You reached the top of the yellow route and I cheered too loudly.", 5),
        ("My arms still hurt and I'd go again tomorrow.", 5),
    ),
]
UPCOMING = ("a-089", "The café by the old bridge")
WAITING = "a-042"  # happened yesterday: Alex has written, Sam hasn't yet


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    rng = random.Random(14)
    now = timezone.now()
    catalogue = [a["id"] for a in content.load("activities")]
    wanted = {p[0] for p in PLANS} | {UPCOMING[0], WAITING}
    marked = rng.sample(catalogue, 60)
    for person in (alex, sam):
        for activity_id in dict.fromkeys([*wanted, *marked]):
            choice = "yes" if activity_id in wanted else rng.choice(["yes", "yes", "maybe", "no"])
            Swipe.objects.create(
                owner=person,
                couple=couple,
                visibility=Visibility.PRIVATE,
                activity_id=activity_id,
                choice=choice,
                updated_at=now - timedelta(days=rng.randrange(6, max(7, days * 2))),
            )
    today = alex.local_today(now)
    for activity_id, back, alex_says, sam_says in PLANS:
        if back * 7 > days + 7:
            continue
        day = today - timedelta(weeks=back, days=today.weekday() - 5)  # the Saturday of that week
        starts = datetime.combine(day, time(18, 30), tzinfo=alex.tz)
        plan = _plan(alex if back % 2 else sam, couple, activity_id, starts, now)
        for person, (text, rating) in ((alex, alex_says), (sam, sam_says)):
            Highlight.objects.create(
                owner=person,
                couple=couple,
                visibility=Visibility.SEALED,
                plan=plan,
                text=text,
                connection=rating,
                revealed_at=starts + timedelta(days=1),
            )
        Plan.objects.filter(pk=plan.pk).update(memory_revealed_at=starts + timedelta(days=1))
    yesterday = datetime.combine(today - timedelta(days=1), time(19), tzinfo=alex.tz)
    waiting = _plan(sam, couple, WAITING, yesterday, now)
    Highlight.objects.create(
        owner=alex,
        couple=couple,
        visibility=Visibility.SEALED,
        plan=waiting,
        text="The cactus that looked exactly like your uncle.",
        connection=4,
    )
    soon = datetime.combine(today + timedelta(days=3), time(10, 30), tzinfo=alex.tz)
    _plan(alex, couple, UPCOMING[0], soon, now, place=UPCOMING[1])


def _plan(
    owner: User, couple: Couple, activity_id: str, starts: datetime, now: datetime, place: str = ""
) -> Plan:
    day_before, hour_before = reminder_times(starts, owner.tz, now)
    return Plan.objects.create(
        owner=owner,
        couple=couple,
        visibility=Visibility.SHARED,
        activity_id=activity_id,
        starts_at=starts,
        time_zone=owner.tz.key,
        place=place,
        day_before_at=day_before,
        hour_before_at=hour_before,
        created_at=min(now, starts - timedelta(days=4)),
    )
