from django.apps import AppConfig


class DifferencesConfig(AppConfig):
    name = "attunement.differences"
    label = "differences"

    def ready(self) -> None:
        from attunement.couples.style import provide_style_hints
        from attunement.differences.hints import hints_for

        provide_style_hints(hints_for)
