from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "attunement.safety"
    label = "safety"
