from django import forms

from attunement.support.feelings import FeelingId
from attunement.support.models import MAX_FEELINGS, MESSAGE_MAX, NOTE_MAX, CheckInVisibility
from attunement.support.needs import Need, QuickResponse

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class CheckInForm(forms.Form):
    feelings = forms.MultipleChoiceField(
        choices=FeelingId.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one feeling, whatever fits best."},
    )
    intensity = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="How strong is it?",
        help_text="1 is barely there, 5 is very strong.",
        error_messages={"required": "Choose how strong it is, from 1 to 5."},
    )
    energy = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Your energy",
        help_text="1 is running on empty, 5 is full of beans.",
        error_messages={"required": "Choose your energy, from 1 to 5."},
    )
    need = forms.ChoiceField(
        choices=Need.choices,
        widget=forms.RadioSelect,
        label="What I need today",
        error_messages={"required": "Choose what you need today; “nothing in particular” is fine."},
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything you'd like to add? (optional)",
    )
    visibility = forms.ChoiceField(
        choices=CheckInVisibility.choices,
        widget=forms.RadioSelect,
        initial=CheckInVisibility.SHARED,
        label="Who sees this",
        error_messages={"required": "Choose who sees this check-in."},
    )

    def clean_feelings(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["feelings"]
        if len(chosen) > MAX_FEELINGS:
            raise forms.ValidationError("Pick up to five feelings, the ones that stand out most.")
        return chosen


class ResponseForm(forms.Form):
    """Both optional here: services.respond_to_check_in refuses a response with neither."""

    quick = forms.ChoiceField(choices=[("", "—"), *QuickResponse.choices], required=False)
    message = forms.CharField(
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Or write a few words",
    )


class AppreciationForm(forms.Form):
    text = forms.CharField(
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What do you appreciate about your partner?",
        error_messages={"required": "Write a few words first."},
    )
