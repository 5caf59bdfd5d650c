from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "attunement.accounts"
    label = "accounts"

    def ready(self) -> None:
        from attunement.accounts.export import AccountsExport
        from attunement.lib import export

        export.register(AccountsExport())
