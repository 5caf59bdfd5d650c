from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "attunement.safety"
    label = "safety"

    def ready(self) -> None:
        from attunement.lib import export
        from attunement.safety.export import SafetyExport

        export.register(SafetyExport())

        from attunement.couples.services import when_account_deleted
        from attunement.safety.services import forget_events_of

        # Events keep their writer encrypted, with no foreign key to cascade.
        when_account_deleted(forget_events_of)
