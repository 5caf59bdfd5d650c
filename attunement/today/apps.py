from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "attunement.today"
    label = "today"

    def ready(self) -> None:
        from attunement.couples.services import when_account_deleted
        from attunement.today.erasure import record_deletion

        when_account_deleted(record_deletion)
