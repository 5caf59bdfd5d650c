from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "attunement.listening"
    label = "listening"
