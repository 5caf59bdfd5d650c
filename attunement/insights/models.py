"""The weekly pulse (private answers), the couple's focus of the week, and what the focus has
learned about which kinds of action help this couple."""

from datetime import date, timedelta
from typing import Any

from django.core.validators import MaxValueValidator
from django.db import models

from attunement.couples.models import Couple, OwnedContent
from attunement.lib.insights import Strategy

SCORE_MIN, SCORE_MAX = 1, 7
CLOSENESS_MAX = 100


class PulseAnswer(OwnedContent):
    """One person's pulse for one local week (Monday). Always private (services.submit_pulse
    writes it so): the partner never reads it, except the closeness figure of a week in which
    both chose to see it together (access.mutual_closeness)."""

    week = models.DateField()
    scores = models.JSONField(default=dict)  # strategy -> 1..7, only the items answered
    closeness = models.PositiveSmallIntegerField(validators=[MaxValueValidator(CLOSENESS_MAX)])
    share_closeness = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "week"], name="one_pulse_per_person_week")
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week,
            "scores": self.scores,
            "closeness": self.closeness,
            "share_closeness": self.share_closeness,
        }


class FocusWeek(models.Model):
    """The strategy a couple focuses on in one week and the three action kinds proposed."""

    couple = models.ForeignKey(Couple, models.CASCADE, related_name="+")
    week = models.DateField()
    strategy = models.CharField(max_length=16, choices=[(s.value, s.label) for s in Strategy])
    actions = models.JSONField(default=list)  # action kinds, in the order shown
    picked_by_couple = models.BooleanField(default=False)
    scored = models.BooleanField(default=False)  # the bandit has learned from this week
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["couple", "week"], name="one_focus_per_couple_week")
        ]


class ActionStat(models.Model):
    """The bandit's belief about one kind of action for one couple: Beta(1 + helped,
    1 + not_helped), and when it was last offered (for novelty)."""

    couple = models.ForeignKey(Couple, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    helped = models.PositiveIntegerField(default=0)
    not_helped = models.PositiveIntegerField(default=0)
    last_offered = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["couple", "kind"], name="one_stat_per_couple_kind")
        ]


def monday(day: date) -> date:
    """The Monday that starts `day`'s week: weeks are the person's own local weeks."""
    return day - timedelta(days=day.weekday())
