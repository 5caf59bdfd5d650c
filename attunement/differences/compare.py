"""The map: both profiles, each partner's guess of the other, where the couple differs most,
how well each knew the other, and the difference cards, as one reader may see them.

Everything is read through the gate: the partner's profile only when they shared it, their
guess only once revealed. A figure is shown to a reader only if every score it comes from is
one they may read, so a private profile cannot be worked out from the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Max

from attunement import content
from attunement.accounts.models import User
from attunement.couples import access
from attunement.differences import scoring
from attunement.differences.models import CardTalk, StyleGuess, StyleTake
from attunement.differences.scoring import NOTABLE_GAP, Scale

CLOSE_ENOUGH = 1.0  # a guess within a point of the score counts as close
DIFFERS_MOST = 3


@dataclass
class Row:
    scale: Scale
    mine: float | None = None
    partners: float | None = None
    my_guess: int | None = None  # my guess of the partner's score
    partners_guess: int | None = None  # the partner's guess of my score

    def lean(self, score: float | None) -> str:
        """The end a score leans to, in the scale's words ("thinks it over first")."""
        if score is None:
            return ""
        band = scoring.band(score)
        if band == "middle":
            return "in between"
        return (self.scale.low if band == "low" else self.scale.high).lower()

    @property
    def mine_leans(self) -> str:
        return self.lean(self.mine)

    @property
    def partners_leans(self) -> str:
        return self.lean(self.partners)

    @property
    def gap(self) -> float | None:
        if self.mine is None or self.partners is None:
            return None
        return round(abs(self.mine - self.partners), 1)


@dataclass
class Knowing:
    """How well `guesser` knew `about`: guesses within a point, out of the scales."""

    guesser: str
    about: str
    close: int
    total: int
    rows: list[tuple[Scale, int, float]] = field(default_factory=list)

    @property
    def words(self) -> str:
        share = self.close / self.total if self.total else 0
        if share >= 0.75:
            return f"{self.guesser} knew {self.about} very well"
        if share >= 0.5:
            return f"{self.guesser} knew {self.about} fairly well"
        return f"{self.guesser} has some things left to discover about {self.about}"


@dataclass
class Card:
    id: str
    title: str
    text: str
    ideas: list[str]
    scale: Scale


@dataclass
class Map:
    state: str  # take | solo | guess | waiting | ready
    me: User
    partner: User | None
    my_take: StyleTake | None
    partners_take: StyleTake | None
    my_guess: StyleGuess | None
    partners_guess: StyleGuess | None
    rows: list[Row]

    @property
    def both_profiles(self) -> bool:
        return self.my_take is not None and self.partners_take is not None

    def differs_most(self) -> list[Row]:
        if self.state != "ready":
            return []
        rows = [r for r in self.rows if r.gap is not None and r.gap >= CLOSE_ENOUGH]
        return sorted(rows, key=lambda r: -(r.gap or 0))[:DIFFERS_MOST]

    def knowing(self) -> list[Knowing]:
        found: list[Knowing] = []
        partner = self.partner.name if self.partner else "Your partner"
        if self.state != "ready":
            return found
        pairs = [
            (partner, self.me.name, [(r.scale, r.partners_guess, r.mine) for r in self.rows]),
            (self.me.name, partner, [(r.scale, r.my_guess, r.partners) for r in self.rows]),
        ]
        for guesser, about, triples in pairs:
            known = [(s, g, v) for s, g, v in triples if g is not None and v is not None]
            if known:
                close = sum(1 for _, g, v in known if abs(g - v) <= CLOSE_ENOUGH)
                found.append(Knowing(guesser, about, close, len(known), known))
        return found

    def cards(self) -> list[Card]:
        if self.state != "ready" or not self.both_profiles or self.partner is None:
            return []
        apart, alike = [], []
        for row in self.rows:
            if row.mine is None or row.partners is None:
                continue
            mine, theirs = scoring.band(row.mine), scoring.band(row.partners)
            if (row.gap or 0) >= NOTABLE_GAP:
                high, low = (
                    (self.me, self.partner) if row.mine > row.partners else (self.partner, self.me)
                )
                card = _card(row.scale, "apart", high.name, low.name)
                if card:
                    apart.append((row.gap or 0, card))
            elif mine == theirs and mine in ("high", "low"):
                card = _card(row.scale, f"both_{mine}", "", "")
                if card:
                    alike.append(card)
        return [c for _, c in sorted(apart, key=lambda p: -p[0])] + alike

    def to_dict(self) -> dict[str, Any]:
        """The map for the API: only what this reader may see."""
        return {
            "state": self.state,
            "partner": self.partner.name if self.partner else None,
            "rows": [
                {
                    "scale": r.scale.id,
                    "title": r.scale.title,
                    "mine": r.mine,
                    "partners": r.partners,
                    "my_guess_of_partner": r.my_guess,
                    "partners_guess_of_me": r.partners_guess,
                }
                for r in self.rows
            ],
            "differs_most": [r.scale.id for r in self.differs_most()],
            "knowing": [
                {"guesser": k.guesser, "about": k.about, "close": k.close, "total": k.total}
                for k in self.knowing()
            ],
            "cards": [
                {
                    "id": c.id,
                    "scale": c.scale.id,
                    "title": c.title,
                    "text": c.text,
                    "ideas": c.ideas,
                }
                for c in self.cards()
            ],
        }


def _fill(text: str, high: str, low: str) -> str:
    return text.replace("{high}", high).replace("{low}", low)


def _card(scale: Scale, when: str, high: str, low: str) -> Card | None:
    for entry in content.load("difference_cards"):
        if entry["scale"] == scale.id and entry["when"] == when:
            return Card(
                entry["id"],
                _fill(entry["title"], high, low),
                _fill(entry["text"], high, low),
                [_fill(idea, high, low) for idea in entry["ideas"]],
                scale,
            )
    return None


def build(user: User) -> Map:
    """The map as `user` may see it. A constant number of queries (at most five)."""
    partner = access.partner_of(user)
    couple = access.current_couple(user)
    my_take = (
        access.own(user, StyleTake.objects.filter(completed_at__isnull=False))
        .order_by("-completed_at")
        .first()
    )
    partners_take = None
    my_guess = partners_guess = None
    if partner is not None and couple is not None:
        partners_take = (
            access.partners_rows(user, StyleTake.objects.filter(completed_at__isnull=False))
            .order_by("-completed_at")
            .first()
        )
        for guess in access.visible(user, StyleGuess.objects.filter(couple=couple)):
            if guess.owner_id == user.pk:
                my_guess = guess
            else:
                partners_guess = guess
    if my_take is None:
        state = "take"
    elif partner is None:
        state = "solo"
    elif my_guess is None:
        state = "guess"
    elif my_guess.revealed_at is None:
        state = "waiting"
    else:
        state = "ready"
    rows = []
    for scale in scoring.scales().values():
        row = Row(scale)
        if my_take is not None:
            row.mine = my_take.scores.get(scale.id)
        if partners_take is not None:
            row.partners = partners_take.scores.get(scale.id)
        if my_guess is not None:
            row.my_guess = my_guess.scores.get(scale.id)
        if partners_guess is not None:  # visible only once revealed
            row.partners_guess = partners_guess.scores.get(scale.id)
        rows.append(row)
    return Map(state, user, partner, my_take, partners_take, my_guess, partners_guess, rows)


def card_talks(user: User) -> dict[str, date]:
    """When the person's current couple last talked about each card: card id -> day. One
    query, one row a card however long the history."""
    couple = access.current_couple(user)
    if couple is None:
        return {}
    rows = (
        access.visible(user, CardTalk.objects)
        .filter(couple=couple)
        .order_by()
        .values("card_id")
        .annotate(last=Max("talked_on"))
        .values_list("card_id", "last")
    )
    return dict(rows)
