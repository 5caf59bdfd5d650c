"""What notifications gives a person's export: the reminders they chose and their quiet hours."""

from typing import Any

from django.utils import timezone

from attunement.accounts.models import User
from attunement.lib.export import Counts, Table
from attunement.notifications import reminders
from attunement.notifications.models import QuietHours, Reminder

REMINDERS = Table("reminders", Reminder, ("kind", "enabled", "hour", "weekday"))
QUIET = Table("quiet_hours", QuietHours, ("start", "end"), about="No emails in these hours.")


class NotificationsExport:
    section = "notifications"
    tables: list[Table] = [REMINDERS, QUIET]
    covers: tuple[str, ...] = ("notifications.Reminder", "notifications.QuietHours")

    def export(self, user: User) -> dict[str, list[dict[str, Any]]]:
        return {
            "reminders": REMINDERS.rows(Reminder.objects.filter(user=user).order_by("kind")),
            "quiet_hours": QUIET.rows(QuietHours.objects.filter(user=user)),
        }

    def import_(self, user: User, rows: dict[str, list[dict[str, Any]]], counts: Counts) -> None:
        # Through the service that owns the rules (hours, quiet hours) and the schedule.
        offered = [r for r in rows.get("reminders", []) if reminders.kind(r["kind"])]
        quiet = next(((q["start"], q["end"]) for q in rows.get("quiet_hours", [])), None)
        if not offered and quiet is None:
            return
        reminders.save_settings(
            user=user,
            check_in=(user.reminders_enabled, user.reminder_hour),
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
