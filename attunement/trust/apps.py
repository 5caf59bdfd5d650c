from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "attunement.trust"
    label = "trust"

    def ready(self) -> None:
        from attunement.trust.export import TrustExport
        from attunement.lib import export

        export.register(TrustExport())
