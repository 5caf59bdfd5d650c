from django.apps import AppConfig


class TogetherConfig(AppConfig):
    name = "attunement.together"
    label = "together"

    def ready(self) -> None:
        from attunement.lib.insights import contribute
        from attunement.together.insights import TogetherInsights

        contribute(TogetherInsights())
