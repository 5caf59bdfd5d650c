"""Demo history for insights: some weeks of pulse answers for both, and a focus that learned."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.insights import pulse
from attunement.insights.models import PulseAnswer, monday

# How each week felt, oldest first: support and sharing climb; listening dips, then recovers.
ARC = {
    "listening": [4, 4, 3, 4, 5, 5],
    "sharing": [3, 4, 4, 5, 5, 6],
    "support": [4, 5, 5, 5, 6, 6],
}


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    rng = random.Random(16)
    weeks = max(2, min(len(ARC["listening"]), days // 7 + 1))
    this = monday(alex.local_today())
    for person in (alex, sam):
        for i in range(weeks):
            week = this - timedelta(weeks=weeks - 1 - i)
            step = len(ARC["listening"]) - weeks + i
            scores = {
                item.strategy: max(
                    1, min(7, ARC.get(item.strategy, [4] * 6)[step] + rng.choice((-1, 0, 0, 1)))
                )
                for item in pulse.items()
            }
            at = timezone.make_aware(
                datetime.combine(week + timedelta(days=6), time(19)), person.tz
            )
            PulseAnswer.objects.create(
                owner=person,
                couple=couple,
                visibility=Visibility.PRIVATE,
                week=week,
                scores=scores,
                closeness=min(100, 45 + 8 * step + rng.randint(-5, 5)),
                share_closeness=True,
                created_at=at,
            )
