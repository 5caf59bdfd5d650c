from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "attunement.insights"
    label = "insights"

    def ready(self) -> None:
        from attunement.insights.export import InsightsExport
        from attunement.lib import export

        export.register(InsightsExport())

        from attunement.insights.pulse import offer_pulse_reminder

        offer_pulse_reminder()
