"""Which question a couple (or a person alone) gets: the rules, as plain functions.

See docs/sharing.md for the reasoning. Nothing here touches the database.
"""

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from attunement import content
from attunement.accounts.models import User

DEPTHS = ("light", "personal", "deep")
# Depth opens up as the couple keeps answering: revealed questions (or, alone, answered ones).
PERSONAL_AFTER = 5
DEEP_AFTER = 15
# Every third question is one step lighter than the deepest allowed, to keep a breathing rhythm.
LIGHTER_EVERY = 3
RECENT_THEMES = 2


def unlocked_depth(answered: int) -> str:
    """How deep the couple has earned: light first, personal after 5, deep after 15."""
    if answered >= DEEP_AFTER:
        return "deep"
    if answered >= PERSONAL_AFTER:
        return "personal"
    return "light"


def allowed_depth(answered: int, ceilings: Iterable[str]) -> str:
    """The deepest depth allowed today: progression, capped by the lower of the ceilings."""
    return min([unlocked_depth(answered), *ceilings], key=DEPTHS.index)


def lowest(depths: Iterable[str]) -> str:
    return min(depths, key=DEPTHS.index)


def allowed_depths(deepest: str) -> tuple[str, ...]:
    return DEPTHS[: DEPTHS.index(deepest) + 1]


def target_depth(deepest: str, served_count: int) -> str:
    rank = DEPTHS.index(deepest)
    if rank > 0 and served_count % LIGHTER_EVERY == LIGHTER_EVERY - 1:
        rank -= 1
    return DEPTHS[rank]


def _order(seed: str, question_id: str) -> str:
    return hashlib.sha256(f"{seed}:{question_id}".encode()).hexdigest()


def choose_question(*, seed: str, history: Sequence[str], deepest: str) -> str:
    """The next question id for a couple whose served ids so far are `history` (oldest first).

    - Only questions at `deepest` or lighter are eligible.
    - Least-served first: no question comes back before every eligible one has been served as
      often (so none repeats until the eligible library is exhausted).
    - Among those, the target depth (see target_depth), then a theme not served in the last
      two days, then a fixed per-couple order (hash of seed and id): deterministic, and
      different for each couple.
    """
    questions = content.load("questions")
    depths = allowed_depths(deepest)
    pool = [q for q in questions if q["depth"] in depths]
    counts = Counter(history)
    least = min(counts.get(q["id"], 0) for q in pool)
    fresh = [q for q in pool if counts.get(q["id"], 0) == least]
    target = target_depth(deepest, len(history))
    fresh = [q for q in fresh if q["depth"] == target] or fresh
    by_id = {q["id"]: q for q in questions}
    recent = {by_id[i]["theme"] for i in history[-RECENT_THEMES:] if i in by_id}
    fresh = [q for q in fresh if q["theme"] not in recent] or fresh
    chosen: str = min(fresh, key=lambda q: _order(seed, q["id"]))["id"]
    return chosen


def couple_day(people: Iterable[User], now: datetime | None = None) -> date:
    """The couple's day: the earliest of the partners' local dates.

    A new question starts when it is a new day for both of them, that is at midnight where the
    day begins last. So nobody ever sees a question dated after their own today, and both
    partners always compute the same day, whoever asks. For one person it is their own date.
    """
    return min(person.local_today(now) for person in people)


def deck(*, seed: str, depth: str, size: int) -> list[dict[str, str]]:
    """Together mode: `size` questions of one depth in a fixed order for this seed."""
    pool = [q for q in content.load("questions") if q["depth"] == depth]
    return sorted(pool, key=lambda q: _order(seed, q["id"]))[:size]
