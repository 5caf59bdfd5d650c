from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "attunement.notifications"
    label = "notifications"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.notifications.export import NotificationsExport

        export.register(NotificationsExport())
