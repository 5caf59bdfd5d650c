"""Reminders a person asked for: one row per person and kind, with the next time it is due."""

from django.conf import settings
from django.db import models


class Reminder(models.Model):
    """One kind of reminder (see notifications.reminders.kinds()) for one person.

    `next_at` is when it is next due (UTC), computed from the person's local `hour` (and
    `weekday` for weekly kinds) and their quiet hours; None when turned off. A worker claims a
    due row by setting `claimed_by`/`claimed_until` with a conditional UPDATE, so several
    workers never send it twice. `attempts` counts failed sends for the backoff.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=24)
    enabled = models.BooleanField(default=False)
    hour = models.PositiveSmallIntegerField(default=19)
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)  # 0 = Monday
    next_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_reminder_per_person_kind")
        ]
        indexes = [models.Index(fields=["next_at"]), models.Index(fields=["claimed_by"])]


class QuietHours(models.Model):
    """Hours (local) in which nothing is sent to this person, retries included; from `start`
    to `end` o'clock, across midnight when start > end."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="quiet")
    start = models.PositiveSmallIntegerField(default=22)
    end = models.PositiveSmallIntegerField(default=8)


class Delivery(models.Model):
    """How this person's reminders reach them. No row: by email. Notifications are offered
    only when the host configured web push (notifications.push.configured())."""

    class Channel(models.TextChoices):
        EMAIL = "email", "By email"
        PUSH = "push", "As notifications on my devices"
        BOTH = "both", "Both"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="delivery")
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)


class PushSubscription(models.Model):
    """One browser on one device that agreed to show this person's reminders.

    `endpoint` is the push service's address for that browser (unique: a browser has one
    subscription per site, so a second person subscribing on it takes it over); `p256dh` and
    `auth` are the browser's keys for encrypting what we send. `session_key` is the hashed
    session that subscribed, so logging that session out elsewhere ends it too.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    session_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
