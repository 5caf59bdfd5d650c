from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "attunement.couples"
    label = "couples"
