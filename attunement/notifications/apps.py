from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "attunement.notifications"
    label = "notifications"

    def ready(self) -> None:
        from attunement.notifications.export import NotificationsExport
        from attunement.lib import export

        export.register(NotificationsExport())
