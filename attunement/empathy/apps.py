from django.apps import AppConfig


class EmpathyConfig(AppConfig):
    name = "attunement.empathy"
    label = "empathy"
