from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "attunement.support"
    label = "support"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.support.export import SupportExport

        export.register(SupportExport())

        from attunement.lib.insights import contribute
        from attunement.support.insights import SupportInsights
        from attunement.support.reminders import offer_check_in_reminder

        contribute(SupportInsights())
        offer_check_in_reminder()
