from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "attunement.support"
    label = "support"

    def ready(self) -> None:
        from attunement.support.export import SupportExport
        from attunement.lib import export

        export.register(SupportExport())

        from attunement.lib.insights import contribute
        from attunement.support.insights import SupportInsights

        contribute(SupportInsights())
