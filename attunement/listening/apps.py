from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "attunement.listening"
    label = "listening"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.listening.export import ListeningExport

        export.register(ListeningExport())

        from attunement.couples.services import when_couple_ends
        from attunement.lib.insights import contribute
        from attunement.listening.insights import ListeningInsights
        from attunement.listening.services import close_conversations_for_couple

        when_couple_ends(close_conversations_for_couple)
        contribute(ListeningInsights())
