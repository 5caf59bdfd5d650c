from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "attunement.together"
    label = "together"
