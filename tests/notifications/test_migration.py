"""Check-in reminders moved from columns on the user to the Reminder table, both ways."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0003_personaltoken_expires_at_personaltoken_scope"),
    ("notifications", "0001_initial"),
]
AFTER = [
    ("accounts", "0004_check_in_reminders_moved"),
    ("notifications", "0002_carry_check_in_reminders"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_check_in_settings_move_into_the_reminder_table_and_back():
    due = datetime(2026, 11, 26, 7, tzinfo=UTC)
    try:
        apps = _migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        on = User.objects.create(
            email="on@example.com", reminders_enabled=True, reminder_hour=7, next_reminder_at=due
        )
        hour_only = User.objects.create(email="hour@example.com", reminder_hour=20)
        User.objects.create(email="default@example.com")

        apps = _migrate(AFTER)
        Reminder = apps.get_model("notifications", "Reminder")
        rows = {r.user_id: r for r in Reminder.objects.filter(kind="check_in")}
        assert set(rows) == {on.pk, hour_only.pk}  # the untouched defaults need no row
        assert (rows[on.pk].enabled, rows[on.pk].hour, rows[on.pk].next_at) == (True, 7, due)
        assert (rows[hour_only.pk].enabled, rows[hour_only.pk].hour) == (False, 20)
        assert rows[hour_only.pk].next_at is None

        apps = _migrate(BEFORE)
        User = apps.get_model("accounts", "User")
        back = User.objects.get(pk=on.pk)
        assert (back.reminders_enabled, back.reminder_hour, back.next_reminder_at) == (True, 7, due)
        assert User.objects.get(pk=hour_only.pk).reminder_hour == 20
        assert not apps.get_model("notifications", "Reminder").objects.exists()
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
