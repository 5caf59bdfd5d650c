from django.apps import AppConfig


class DifferencesConfig(AppConfig):
    name = "attunement.differences"
    label = "differences"

    def ready(self) -> None:
        from attunement.differences.export import DifferencesExport
        from attunement.lib import export

        export.register(DifferencesExport())

        from attunement.couples.style import provide_style_hints
        from attunement.differences.hints import hints_for

        provide_style_hints(hints_for)

        from attunement.differences.insights import DifferencesInsights
        from attunement.lib.insights import contribute

        contribute(DifferencesInsights())
