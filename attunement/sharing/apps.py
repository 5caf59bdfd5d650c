from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "attunement.sharing"
    label = "sharing"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.sharing.export import SharingExport

        export.register(SharingExport())

        from attunement.lib.insights import contribute
        from attunement.sharing.insights import SharingInsights
        from attunement.sharing.reminders import offer_daily_question_reminder

        contribute(SharingInsights())
        offer_daily_question_reminder()
