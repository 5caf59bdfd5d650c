import secrets
from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.db import transaction
from django.http import HttpRequest

from attunement.accounts.models import TOKEN_DAYS_DEFAULT, PersonalToken

EXPIRY_CHOICES = [(30, "30 days"), (TOKEN_DAYS_DEFAULT, "90 days"), (365, "1 year")]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=60,
        label="Name this token",
        help_text="For example: my phone's widget.",
        error_messages={"required": "Give it a name, so you can tell your tokens apart."},
    )
    days = forms.TypedChoiceField(
        choices=EXPIRY_CHOICES,
        coerce=int,
        initial=TOKEN_DAYS_DEFAULT,
        label="Works for",
        error_messages={"required": "Choose how long the token keeps working."},
    )
    scope = forms.ChoiceField(
        choices=PersonalToken.Scope.choices,
        initial=PersonalToken.Scope.READ,
        widget=forms.RadioSelect,
        label="What it may do",
        error_messages={"required": "Choose what the token may do: only read, or also write."},
    )


class _Rehearsed(Exception):
    """Raised to roll back the rehearsal of a new account."""


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """allauth's sign-up form, doing the same work whether or not the address has an account.

    A new address costs a password hash (a deliberately slow step) and a few writes; for a known
    one allauth only sends an email. So a known address rehearses the new account: the same
    hash and the same writes, for a throwaway address, in a savepoint that is rolled back. Both
    paths write in one transaction and commit once (on PostgreSQL a rolled-back savepoint still
    makes the commit flush the log, as a real one does), so the time it takes does not tell
    whether someone has an account, on SQLite or PostgreSQL."""

    def try_save(self, request: HttpRequest) -> Any:
        # The rehearsal commits on its own, as the new account does, and what follows (the
        # email and its rate limit) runs outside that transaction on both paths alike.
        if self.account_already_exists:
            with transaction.atomic():
                self._rehearse_new_account(request)
            return super().try_save(request)
        with transaction.atomic():
            return super().try_save(request)

    def _rehearse_new_account(self, request: HttpRequest) -> None:
        taken = self.cleaned_data.get("email")
        self.cleaned_data["email"] = f"rehearsal-{secrets.token_hex(12)}@invalid.invalid"
        self.account_already_exists = False
        try:
            with transaction.atomic():
                self.save(request)
                raise _Rehearsed
        except _Rehearsed:
            pass
        finally:
            self.cleaned_data["email"] = taken
            self.account_already_exists = True
