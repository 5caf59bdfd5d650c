"""Demo history for check-ins, responses and appreciations."""

import random
from datetime import datetime, time, timedelta

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.support.models import Appreciation, CheckIn, Response
from attunement.support.needs import FITTING, Need

MOODS = [
    (["content", "grateful"], 3, 4, Need.NOTHING, "Slow morning with coffee. Feeling good."),
    (["stressed", "tired"], 4, 2, Need.LISTENED, "Deadline day. Could use a chat tonight."),
    (["excited", "proud"], 4, 5, Need.CELEBRATE, "The presentation went really well!"),
    (["anxious"], 3, 3, Need.COMFORT, "Worried about my dad's appointment."),
    (["calm"], 2, 3, Need.NOTHING, ""),
    (["frustrated", "tired"], 3, 2, Need.HELP, "Too many errands and not enough hours."),
    (["loving", "playful"], 3, 4, Need.NOTHING, "Still smiling about last night."),
    (["lonely", "sad"], 3, 2, Need.COMFORT, "Missing my friends back home."),
    (["hopeful"], 2, 4, Need.SPACE, "Need a quiet evening to think."),
]
APPRECIATIONS = [
    "Thank you for making dinner when I got home late.",
    "I loved how you listened to me on Sunday.",
    "You made me laugh when I needed it most.",
    "Thanks for remembering my dad's appointment.",
]


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    rng = random.Random(7)
    today = alex.local_today()
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        for person, partner in ((alex, sam), (sam, alex)):
            if rng.random() < 0.2:
                continue  # nobody checks in every single day
            mood = rng.choice(MOODS)
            at = datetime.combine(
                day, time(8 + rng.randrange(4), rng.randrange(60)), tzinfo=person.tz
            )
            shared = rng.random() < 0.85
            check_in = CheckIn.objects.create(
                owner=person,
                couple=couple,
                local_date=day,
                feelings=mood[0],
                intensity=mood[1],
                energy=max(1, min(5, mood[2] + rng.choice([-1, 0, 0, 1]))),
                need=mood[3],
                note=mood[4],
                visibility=Visibility.SHARED if shared else Visibility.PRIVATE,
                created_at=at,
            )
            if shared and rng.random() < 0.7:
                reply_at = at + timedelta(minutes=rng.randrange(10, 300))
                Response.objects.create(
                    owner=partner,
                    couple=couple,
                    visibility=Visibility.SHARED,
                    check_in=check_in,
                    quick=rng.choice(FITTING[mood[3]]),
                    created_at=reply_at,
                )
                CheckIn.objects.filter(pk=check_in.pk).update(turned_toward_at=reply_at)
        if back % 6 == 0:
            author, recipient = (alex, sam) if back % 12 == 0 else (sam, alex)
            Appreciation.objects.create(
                owner=author,
                recipient=recipient,
                couple=couple,
                visibility=Visibility.SHARED,
                text=rng.choice(APPRECIATIONS),
                created_at=datetime.combine(day, time(20), tzinfo=author.tz),
            )
