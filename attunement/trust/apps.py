from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "attunement.trust"
    label = "trust"
