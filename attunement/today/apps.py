from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "attunement.today"
    label = "today"
