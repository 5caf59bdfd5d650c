"""Check-in reminders move from three columns on the user to this app's Reminder table (one
home for every reminder setting). Reversible: going back copies them to the columns again."""

from django.db import migrations

KIND = "check_in"
OLD_DEFAULT_HOUR = 9


def to_table(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Reminder = apps.get_model("notifications", "Reminder")
    rows = [
        Reminder(
            user_id=pk,
            kind=KIND,
            enabled=enabled,
            hour=hour,
            # Already computed in the person's zone at their hour; the worker moves it on.
            next_at=next_at if enabled else None,
        )
        # Only people who turned it on or chose an hour: everyone else has the defaults.
        for pk, enabled, hour, next_at in User.objects.exclude(
            reminders_enabled=False, reminder_hour=OLD_DEFAULT_HOUR
        ).values_list("pk", "reminders_enabled", "reminder_hour", "next_reminder_at")
    ]
    Reminder.objects.filter(kind=KIND, user_id__in=[r.user_id for r in rows]).delete()
    Reminder.objects.bulk_create(rows, batch_size=1000)


def to_columns(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Reminder = apps.get_model("notifications", "Reminder")
    for row in Reminder.objects.filter(kind=KIND).iterator():
        User.objects.filter(pk=row.user_id).update(
            reminders_enabled=row.enabled, reminder_hour=row.hour, next_reminder_at=row.next_at
        )
    Reminder.objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_personaltoken_expires_at_personaltoken_scope"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(to_table, to_columns)]
