from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib.auth.hashers import make_password
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


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """allauth's sign-up form, doing the same work whether or not the address has an account.

    For a new address the password is hashed (a deliberately slow step); for a known one allauth
    only sends an email. Hashing here too means the answer takes as long either way, so the
    time it takes does not tell whether someone has an account."""

    def try_save(self, request: HttpRequest) -> Any:
        if self.account_already_exists:
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
