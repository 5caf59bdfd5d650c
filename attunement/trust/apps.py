from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "attunement.trust"
    label = "trust"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.trust.export import TrustExport

        export.register(TrustExport())
