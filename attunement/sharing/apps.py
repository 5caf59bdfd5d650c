from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "attunement.sharing"
    label = "sharing"
