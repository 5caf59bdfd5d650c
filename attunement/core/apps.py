from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "attunement.core"
    label = "core"
