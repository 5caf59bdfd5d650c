from django.apps import AppConfig


class EmpathyConfig(AppConfig):
    name = "attunement.empathy"
    label = "empathy"

    def ready(self) -> None:
        from attunement.empathy.export import EmpathyExport
        from attunement.lib import export

        export.register(EmpathyExport())

        from attunement.empathy.insights import EmpathyInsights
        from attunement.lib.insights import contribute

        contribute(EmpathyInsights())
