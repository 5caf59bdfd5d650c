from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "attunement.couples"
    label = "couples"

    def ready(self) -> None:
        from attunement.couples.export import CouplesExport
        from attunement.lib import export

        export.register(CouplesExport())
