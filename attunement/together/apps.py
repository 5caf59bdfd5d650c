from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "attunement.together"
    label = "together"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.together.export import TogetherExport

        export.register(TogetherExport())

        from attunement.lib.insights import contribute
        from attunement.together.insights import TogetherInsights

        contribute(TogetherInsights())
