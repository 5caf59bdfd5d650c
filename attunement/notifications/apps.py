from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "attunement.notifications"
    label = "notifications"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.notifications.export import NotificationsExport

        export.register(NotificationsExport())
        from attunement.accounts.hooks import when_time_zone_changes
        from attunement.notifications.reminders import reschedule

        when_time_zone_changes(reschedule)
