"""What notifications gives a person's export: the reminders they chose, their quiet hours, how
reminders reach them, and when each device with notifications on was added (never its push
address or keys, which belong to that browser)."""

from typing import Any

from django.utils import timezone

from attunement.accounts.models import User
from attunement.lib.export import Counts, Table, skip_all
from attunement.notifications import push, reminders
from attunement.notifications.models import Delivery, PushSubscription, QuietHours, Reminder

REMINDERS = Table("reminders", Reminder, ("kind", "enabled", "hour", "weekday"))
QUIET = Table("quiet_hours", QuietHours, ("start", "end"), about="No emails in these hours.")
DELIVERY = Table("delivery", Delivery, ("channel",), about="How reminders reach the person.")
DEVICES = Table(
    "devices",
    PushSubscription,
    ("created_at",),
    about="Devices showing reminders as notifications: when each was added. Not restored.",
)


class NotificationsExport:
    section = "notifications"
    tables: list[Table] = [REMINDERS, QUIET, DELIVERY, DEVICES]
    covers: tuple[str, ...] = (
        "notifications.Reminder",
        "notifications.QuietHours",
        "notifications.Delivery",
        "notifications.PushSubscription",
    )

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        return {
            "reminders": REMINDERS.rows(Reminder.objects.filter(user=user).order_by("kind")),
            "quiet_hours": QUIET.rows(QuietHours.objects.filter(user=user)),
            "delivery": DELIVERY.rows(Delivery.objects.filter(user=user)),
            "devices": DEVICES.rows(
                PushSubscription.objects.filter(user=user).order_by("created_at", "pk")
            ),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        # Through the service that owns the rules (hours, quiet hours) and the schedule.
        offered = [r for r in rows.get("reminders", []) if reminders.kind(r["kind"])]
        quiet = next(((q["start"], q["end"]) for q in rows.get("quiet_hours", [])), None)
        # A device's subscription belongs to that browser on the old instance.
        skip_all(rows.get("devices", []), counts, "notifications.devices")
        delivery = next((d["channel"] for d in rows.get("delivery", [])), None)
        if delivery not in (None, Delivery.Channel.EMAIL) and not push.configured():
            counts.skipped["notifications.delivery (no notifications on this server)"] += 1
            delivery = None
        if not offered and quiet is None and delivery is None:
            return
        reminders.save_settings(
            user=user,
            delivery=delivery,
            choices=[(r["kind"], r["enabled"], r["hour"], r["weekday"]) for r in offered],
            quiet=quiet,
            now=timezone.now(),
        )
        counts.restored["notifications.reminders"] += len(offered)
        if quiet is not None:
            counts.restored["notifications.quiet_hours"] += 1
        if len(offered) < len(rows.get("reminders", [])):
            counts.skipped["notifications.reminders (not offered here)"] += len(
                rows["reminders"]
            ) - len(offered)
