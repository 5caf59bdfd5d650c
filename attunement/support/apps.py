from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "attunement.support"
    label = "support"
