from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpRequest

from attunement.accounts.models import User
from attunement.lib import zones
from attunement.lib.names import clean_name

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
        error_messages={"required": "Tell us the name your partner will see."},
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )


class SignupForm(forms.Form):
    """The fields allauth's sign-up form adds to its own (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["display_name", "email", "password1", "password2"]

    display_name = _display_name_field()
    # Filled by app.js with the browser's zone; without JavaScript it stays UTC (Settings).
    time_zone = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-browser-zone": ""})
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"].strip()
        zone = self.cleaned_data.get("time_zone") or ""
        if zones.is_listed(zone):
            user.time_zone = zone
        user.save(update_fields=["display_name", "time_zone"])


class ProfileForm(_UserForm):
    # Required here too: once someone has a name, they can change it but not blank it.
    display_name = _display_name_field()
    time_zone = forms.ChoiceField(
        choices=(),
        label="Time zone",
        help_text="Days, reminders and the care services shown to you follow it.",
        error_messages={"required": "Choose your time zone."},
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "time_zone",
            "partner_emails",
        ]
        labels = {
            "partner_emails": (
                "Email me when it's my turn in a conversation or our answers are ready to read "
                "(never what was written)"
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["time_zone"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = zones.choices(self.instance.time_zone if self.instance else None)
        field.widget.attrs["aria-describedby"] = "id_time_zone-help id_time_zone-browser"
        # Someone who never chose a zone gets the browser's preselected (app.js; saved on Save).
        if self.instance and self.instance.time_zone == zones.UTC:
            field.widget.attrs["data-browser-zone"] = ""


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
