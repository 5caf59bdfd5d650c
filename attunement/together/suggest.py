"""What to suggest next: mutual yeses first, with a gentle lean towards the new.

Shared activities that feel new and a little exciting do more for a couple than pleasant,
familiar ones (docs/together.md). So, among the activities both partners want, suggestions
prefer what the couple has not done together yet and lean towards newer kinds of activity; when
the last few plans were all familiar, that lean grows. Only matches are ever suggested, and only
those that fit the couple's filters. Pure functions: no database, no Django.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from attunement import content

TAGS = content.ACTIVITY_TAGS
RECENT = 3  # how many of the latest plans decide whether things have felt familiar
HOW_MANY = 3


def rank(tag: str, value: str) -> int:
    return TAGS[tag].index(value) if value in TAGS[tag] else 0


@dataclass(frozen=True)
class Filters:
    """The couple's limits: the most they want to spend and exert, and where they can be."""

    max_cost: str = "splurge"
    max_energy: str = "high"
    places: tuple[str, ...] = field(default=TAGS["place"])

    def allows(self, activity: dict[str, Any]) -> bool:
        return (
            rank("cost", activity["cost"]) <= rank("cost", self.max_cost)
            and rank("energy", activity["energy"]) <= rank("energy", self.max_energy)
            and activity["place"] in self.places
        )


@dataclass(frozen=True)
class Suggestion:
    activity: dict[str, Any]
    both_yes: bool
    why: str


def feels_familiar(recent: Sequence[str]) -> bool:
    """Whether the couple's latest plans (activity ids, newest first) were all familiar ones:
    tagged familiar, or done before. Needs at least two plans to say so."""
    latest = list(recent[:RECENT])
    if len(latest) < 2:
        return False
    for n, activity_id in enumerate(latest):
        entry = content.get("activities", activity_id)
        repeat = activity_id in recent[n + 1 :]
        if entry is not None and entry["novelty"] != "familiar" and not repeat:
            return False
    return True


def _why(both_yes: bool, done_before: bool, lean_new: bool, novelty: str) -> str:
    if not both_yes:
        return "One of you said yes and the other maybe: worth a quick word first."
    if done_before:
        return "You both said yes, and you have done it before: an easy one to say yes to again."
    if lean_new and novelty != "familiar":
        return "You both said yes, and after a few familiar plans this one is new for you."
    if novelty == "new":
        return "You both said yes, and it's something new: new things together bring you closer."
    return "You both said yes, and you haven't done it together yet."


def suggest(
    matches: dict[str, tuple[str, str]],
    *,
    done: Sequence[str],
    upcoming: set[str],
    filters: Filters,
    seed: str,
    limit: int = HOW_MANY,
) -> list[Suggestion]:
    """Up to `limit` suggestions from `matches` (activity id -> (own choice, partner's choice),
    each a match: both yes, or yes and maybe). `done` lists the activity ids of past plans,
    newest first; activities already planned (`upcoming`) are left out. `seed` (the couple and
    the week) breaks ties, so the list holds still for a week and differs between couples."""
    lean_new = feels_familiar(done)
    novelty_weight = 3 if lean_new else 1
    scored = []
    for activity_id, choices in matches.items():
        entry = content.get("activities", activity_id)
        if entry is None or entry.get("retired") or activity_id in upcoming:
            continue
        if not filters.allows(entry):
            continue
        both_yes = choices == ("yes", "yes")
        done_before = activity_id in done
        score = (
            (4 if both_yes else 0)
            + (0 if done_before else 3)
            + novelty_weight * rank("novelty", entry["novelty"])
        )
        tie = hashlib.sha256(f"{seed}:{activity_id}".encode()).hexdigest()
        why = _why(both_yes, done_before, lean_new, entry["novelty"])
        scored.append((-score, tie, Suggestion(entry, both_yes, why)))
    scored.sort(key=lambda row: (row[0], row[1]))
    return [row[2] for row in scored[:limit]]
