from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "attunement.notifications"
    label = "notifications"
