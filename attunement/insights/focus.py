"""The focus of the week: one strategy for the couple, and three actions that the couple's own
history suggests.

Strategy: the lowest mean pulse of the two partners over the last RECENT_WEEKS weeks (an item
nobody answered counts as the scale's middle), adjusted by what the couple already tried: the
focus of last week gets REPEAT_PENALTY added (and half of it the week before), so the focus
moves on instead of sitting on one weak spot.

Actions: Thompson sampling over action kinds. Each kind has, per couple, a Beta(1 + helped,
1 + not_helped) belief that doing it is followed by a better week. Each week, one draw per
candidate kind (plus NOVELTY for a kind not offered in the last NOVELTY_WEEKS weeks, so it does
not repeat itself); the three highest draws are proposed. The draws use a generator seeded by
the couple and the week, so the page shows the same plan all week.

Learning (`learn`): once a focus week is over, for each proposed kind that either partner did
that week (the strategy's `tried`), "helped" if the couple's mean pulse for the focus strategy,
or their mean closeness, went up against the week before; "not helped" otherwise. Kinds that
were not done teach nothing. See docs/insights.md.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction

from attunement.accounts.models import User
from attunement.couples import access
from attunement.insights.models import SCORE_MAX, SCORE_MIN, ActionStat, FocusWeek, PulseAnswer
from attunement.insights.pulse import this_week
from attunement.lib.insights import Action, Contributor, Strategy, contributors

RECENT_WEEKS = 4
REPEAT_PENALTY = 0.75
NOVELTY = 0.2
NOVELTY_WEEKS = 2
ACTIONS_SHOWN = 3
NEUTRAL = (SCORE_MIN + SCORE_MAX) / 2
WEEK = timedelta(days=7)


def focusable() -> list[Strategy]:
    """Strategies that can be a focus: those whose app contributes actions."""
    return [c.strategy for c in contributors()]


def contributor_for(strategy: str) -> Contributor | None:
    return next((c for c in contributors() if c.strategy == strategy), None)


def strategy_means(rows: list[dict[str, int]]) -> dict[Strategy, float]:
    """Mean score per focusable strategy over pulse rows (strategy -> 1..7)."""
    means = {}
    for strategy in focusable():
        values = [r[strategy.value] for r in rows if strategy.value in r]
        means[strategy] = sum(values) / len(values) if values else NEUTRAL
    return means


def choose_strategy(means: dict[Strategy, float], recent: list[str]) -> Strategy:
    """The strategy with the lowest adjusted mean; `recent` holds the focus of last week first,
    then the week before. Ties go to the order of Strategy."""
    adjusted = dict(means)
    for weight, previous in zip((REPEAT_PENALTY, REPEAT_PENALTY / 2), recent, strict=False):
        for s in adjusted:
            if s.value == previous:
                adjusted[s] += weight
    order = list(Strategy)
    return min(adjusted, key=lambda s: (adjusted[s], order.index(s)))


def draw_actions(
    kinds: list[str], stats: dict[str, ActionStat], rng: random.Random, week: date
) -> list[str]:
    """Thompson sampling with a novelty bonus: the ACTIONS_SHOWN kinds with the highest draws."""
    scored = []
    for kind in kinds:
        stat = stats.get(kind)
        helped, not_helped = (stat.helped, stat.not_helped) if stat else (0, 0)
        draw = rng.betavariate(1 + helped, 1 + not_helped)
        last = stat.last_offered if stat else None
        if last is None or last < week - NOVELTY_WEEKS * WEEK:
            draw += NOVELTY
        scored.append((draw, kind))
    scored.sort(key=lambda pair: -pair[0])
    return [kind for _, kind in scored[:ACTIONS_SHOWN]]


def update_belief(stat: ActionStat, helped: bool) -> None:
    """One observation for one kind: Beta(1 + helped, 1 + not_helped) moves towards it."""
    if helped:
        stat.helped += 1
    else:
        stat.not_helped += 1


def _rng(user: User, week: date) -> random.Random:
    couple = access.current_couple(user)
    return random.Random(f"{couple.uuid if couple else user.uuid}:{week.isoformat()}")


def _people(user: User) -> list[User]:
    partner = access.partner_of(user)
    return [user, partner] if partner else [user]


def _offer(user: User, strategy: Strategy, week: date) -> list[str]:
    contributor = contributor_for(strategy)
    kinds = [a.kind for a in contributor.actions(user)] if contributor else []
    stats = {
        s.kind: s for s in access.couples_rows(user, ActionStat.objects).filter(kind__in=kinds)
    }
    chosen = draw_actions(kinds, stats, _rng(user, week), week)
    couple = access.current_couple(user)
    for kind in chosen:
        stat = stats.get(kind) or ActionStat(couple=couple, kind=kind)
        stat.last_offered = week
        stat.save()
    return chosen


def _improved(user: User, strategy: str, week: date) -> bool | None:
    """Whether the couple's pulse for `strategy` (or their closeness) rose in `week` against
    the week before; None when either week has no pulse."""
    rows = access.couples_rows(user, PulseAnswer.objects).filter(week__in=[week - WEEK, week])
    before = [(r.scores.get(strategy), r.closeness) for r in rows if r.week != week]
    after = [(r.scores.get(strategy), r.closeness) for r in rows if r.week == week]
    if not before or not after:
        return None

    def avg(values: list[int | None]) -> float | None:
        kept = [v for v in values if v is not None]
        return sum(kept) / len(kept) if kept else None

    b, a = avg([s for s, _ in before]), avg([s for s, _ in after])
    closer = avg([c for _, c in after])
    further = avg([c for _, c in before])
    assert closer is not None and further is not None
    return (b is not None and a is not None and a > b) or closer > further


def learn(user: User, week: date) -> None:
    """Learn from every focus week that ended before `week` and has not been learned from."""
    pending = access.couples_rows(user, FocusWeek.objects).filter(
        scored=False, week__lte=week - WEEK
    )
    for focus_week in pending:
        improved = _improved(user, focus_week.strategy, focus_week.week)
        contributor = contributor_for(focus_week.strategy)
        if improved is not None and contributor is not None:
            window = (focus_week.week, focus_week.week + WEEK)
            done = set().union(*(contributor.tried(p, window) for p in _people(user)))
            for kind in set(focus_week.actions) & done:
                stat, _ = access.couples_rows(user, ActionStat.objects).get_or_create(
                    kind=kind, defaults={"couple": access.current_couple(user)}
                )
                update_belief(stat, improved)
                stat.save(update_fields=["helped", "not_helped"])
        focus_week.scored = True
        focus_week.save(update_fields=["scored"])


def current(user: User, now: datetime, *, propose: bool = True) -> FocusWeek | None:
    """This week's focus for the person's couple (proposed on first sight, unless `propose`
    is False), or None alone."""
    couple = access.current_couple(user)
    if couple is None or not focusable():
        return None
    week = this_week(user, now)
    found = access.couples_rows(user, FocusWeek.objects).filter(week=week).first()
    if found is not None or not propose:
        return found
    learn(user, week)
    recent = list(
        access.couples_rows(user, FocusWeek.objects)
        .filter(week__gte=week - 2 * WEEK, week__lt=week)
        .order_by("-week")
        .values_list("strategy", flat=True)
    )
    rows = access.couple_pulse_scores(
        user, PulseAnswer.objects, week - RECENT_WEEKS * WEEK, week + WEEK
    )
    strategy = choose_strategy(strategy_means(rows), recent)
    try:
        with transaction.atomic():
            return FocusWeek.objects.create(
                couple=couple, week=week, strategy=strategy, actions=_offer(user, strategy, week)
            )
    except IntegrityError:
        # The partner opened the page at the same moment: theirs stands.
        return access.couples_rows(user, FocusWeek.objects).get(week=week)


def refocus(user: User, focus_week: FocusWeek | None, strategy: Strategy) -> FocusWeek:
    """The couple's own choice of focus for this week (see services.pick_focus)."""
    assert focus_week is not None
    focus_week.strategy = strategy
    focus_week.actions = _offer(user, strategy, focus_week.week)
    focus_week.picked_by_couple = True
    focus_week.save(update_fields=["strategy", "actions", "picked_by_couple"])
    return focus_week


def actions_of(user: User, focus_week: FocusWeek) -> list[Action]:
    """The proposed actions, as the strategy describes them now, in the order proposed."""
    contributor = contributor_for(focus_week.strategy)
    if contributor is None:
        return []
    by_kind = {a.kind: a for a in contributor.actions(user)}
    return [by_kind[k] for k in focus_week.actions if k in by_kind]


def done_this_week(user: User, focus_week: FocusWeek) -> set[str]:
    """The proposed kinds this person has already done this week (shown as done)."""
    contributor = contributor_for(focus_week.strategy)
    if contributor is None:
        return set()
    return contributor.tried(user, (focus_week.week, focus_week.week + WEEK)) & set(
        focus_week.actions
    )
