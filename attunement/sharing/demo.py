"""Demo history for the daily question: three weeks of revealed answers and reactions."""

import random
from datetime import datetime, time, timedelta

from attunement.accounts.models import User
from attunement.couples.models import Couple, Visibility
from attunement.sharing.models import Answer, Reaction, ServedQuestion

# (question id, Alex's answer, Sam's answer), oldest first: light, then personal.
DAYS = [
    (
        "q-0009",
        "Saturday cartoons, then the market with my gran. She always bought me one peach.",
        "Football in the morning, library in the afternoon. I read everything about volcanoes.",
    ),
    (
        "q-0117",
        "Thick socks, a blanket and rain on the window.",
        "A hot bath with the radio on and nobody needing anything from me.",
    ),
    (
        "q-0153",
        "Cold noodles, strawberries, and far too many kinds of cheese.",
        "Flatbread, hummus, olives and a flask of sweet tea.",
    ),
    (
        "q-0090",
        "Lighthouse keeper. A week of weather and quiet sounds perfect.",
        "Pastry chef, to learn laminating dough properly.",
    ),
    (
        "q-0063",
        "The one we danced to badly in the kitchen in March.",
        "Anything from that road trip playlist, but especially the first track.",
    ),
    (
        "q-0036",
        "Pottery. I like the idea of making something lopsided and loving it anyway.",
        "Juggling. It looks silly and I want to be silly more often.",
    ),
    (
        "q-0243",
        "Making someone their favourite breakfast without being asked.",
        "A handwritten note left somewhere they'll find it later.",
    ),
    (
        "q-0324",
        "Coffee on the step before anyone else is awake.",
        "Ten minutes of stretching while the kettle boils.",
    ),
    (
        "q-0297",
        "The choir at school. I couldn't sing, but I loved belonging.",
        "A climbing group. We cheered for each other's tiniest progress.",
    ),
    (
        "q-0018",
        "Finishing a long bike ride with my uncle without asking to stop.",
        "When a teacher read my story aloud and didn't say who wrote it.",
    ),
    (
        "q-0135",
        "Quietly. Tea, a film, and you checking on me without fussing.",
        "I like being fussed over a little, honestly. Soup helps.",
    ),
    (
        "q-0045",
        "Maybe moving somewhere with more green. It feels possible now.",
        "Starting to teach. I'm nervous, which probably means it matters.",
    ),
    (
        "q-0216",
        "I stop replying to messages and start cleaning things that are already clean.",
        "My shoulders go up to my ears and I get short with everyone.",
    ),
    (
        "q-0279",
        "The night the power went out and we talked by candlelight for hours.",
        "When you held my hand in the hospital waiting room and didn't say anything.",
    ),
    (
        "q-0072",
        "You made me braver about saying what I actually want.",
        "You taught me that resting isn't something I have to earn.",
    ),
    (
        "q-0306",
        "The one who remembers the small things you mentioned months ago.",
        "The one who shows up, even when it's inconvenient.",
    ),
]
REPLIES = [
    ("tell_me_more", "What did that feel like at the time?"),
    ("love_knowing", "I never knew that about you. It explains a lot, in a lovely way."),
    ("moved", ""),
    ("thank_you", "Thank you for telling me. Can we do that together soon?"),
    ("with_you", "I'm with you on this one."),
]


def seed(alex: User, sam: User, couple: Couple, days: int) -> None:
    rng = random.Random(11)
    today = alex.local_today()
    span = min(days, 21)
    entries = iter(DAYS)
    for back in range(span, 0, -1):
        if back % 5 == 0:
            continue  # some days nobody gets to it, and that is fine
        entry = next(entries, None)
        if entry is None:
            break
        question_id, alex_text, sam_text = entry
        day = today - timedelta(days=back)
        evening = datetime.combine(day, time(21, 30), tzinfo=alex.tz)
        served = ServedQuestion.objects.create(
            couple=couple,
            day=day,
            question_id=question_id,
            served_at=datetime.combine(day, time(0, 5), tzinfo=alex.tz),
            revealed_at=evening,
        )
        answers = {}
        for person, text, hour in ((alex, alex_text, 8), (sam, sam_text, 19)):
            answers[person.pk] = Answer.objects.create(
                served=served,
                owner=person,
                couple=couple,
                visibility=Visibility.SEALED,
                text=text,
                revealed_at=evening,
                favourite=rng.random() < 0.15,
                created_at=datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=person.tz),
            )
        for reactor, author in ((alex, sam), (sam, alex)):
            if rng.random() < 0.75:
                kind, reply = rng.choice(REPLIES)
                Reaction.objects.create(
                    answer=answers[author.pk],
                    owner=reactor,
                    couple=couple,
                    visibility=Visibility.SHARED,
                    kind=kind,
                    reply=reply,
                    created_at=evening + timedelta(minutes=rng.randrange(5, 90)),
                )
