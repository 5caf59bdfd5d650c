import zoneinfo
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpRequest

from attunement.accounts.models import User
from attunement.lib.names import clean_name

ZONES = sorted(zoneinfo.available_timezones())


# ModelForm is generic only in the stubs (django-stubs-ext would patch it at run time).
if TYPE_CHECKING:
    _UserForm = forms.ModelForm[User]
else:
    _UserForm = forms.ModelForm


DISPLAY_NAME_LABEL = "Your first name (what your partner sees)"


class NameField(forms.CharField):
    """A name shown to others: control and direction characters are removed before checks."""

    def to_python(self, value: Any) -> str:
        return clean_name(str(super().to_python(value)))


def _display_name_field() -> forms.CharField:
    return NameField(
        max_length=User._meta.get_field("display_name").max_length,
        label=DISPLAY_NAME_LABEL,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds to its own (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["display_name", "email", "password1", "password2"]

    display_name = _display_name_field()

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(_UserForm):
    # Required here too: once someone has a name, they can change it but not blank it.
    display_name = _display_name_field()
    time_zone = forms.ChoiceField(
        choices=[(z, z.replace("_", " ")) for z in ZONES], label="Time zone"
    )
    reminder_hour = forms.TypedChoiceField(
        choices=[(h, f"{h:02d}:00") for h in range(24)], coerce=int, label="Remind me at"
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "time_zone",
            "reminders_enabled",
            "reminder_hour",
            "partner_emails",
        ]
        labels = {
            "reminders_enabled": "Email me a gentle daily reminder to check in",
            "partner_emails": (
                "Email me when it's my turn in a conversation or our answers are ready to read "
                "(never what was written)"
            ),
        }


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        label="Your password, to confirm",
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password doesn't match.")
        return password
