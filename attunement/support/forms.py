from django import forms

from attunement.couples.models import Visibility
from attunement.support import feelings
from attunement.support.models import MESSAGE_MAX, NOTE_MAX
from attunement.support.needs import QUICK_RESPONSES, Need

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class CheckInForm(forms.Form):
    feelings = forms.MultipleChoiceField(
        choices=feelings.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one feeling, whatever fits best."},
    )
    intensity = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="How strong is it?",
        help_text="1 is barely there, 5 is very strong.",
    )
    energy = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="Your energy",
        help_text="1 is running on empty, 5 is full of beans.",
    )
    need = forms.ChoiceField(
        choices=Need.choices, widget=forms.RadioSelect, label="What I need today"
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything you'd like to add? (optional)",
    )
    visibility = forms.ChoiceField(
        choices=[
            (Visibility.SHARED, "Share with my partner"),
            (Visibility.PRIVATE, "Keep it just for me"),
        ],
        widget=forms.RadioSelect,
        initial=Visibility.SHARED,
        label="Who sees this",
    )

    def clean_feelings(self) -> list[str]:
        chosen = self.cleaned_data["feelings"]
        if len(chosen) > 5:
            raise forms.ValidationError("Pick up to five feelings, the ones that stand out most.")
        return chosen


class ResponseForm(forms.Form):
    quick = forms.ChoiceField(choices=[("", "—")] + list(QUICK_RESPONSES.items()), required=False)
    message = forms.CharField(
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Or write a few words",
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if not data.get("quick") and not (data.get("message") or "").strip():
            raise forms.ValidationError("Choose a quick response or write a few words.")
        return data


class AppreciationForm(forms.Form):
    text = forms.CharField(
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What do you appreciate about your partner?",
        error_messages={"required": "Write a few words first."},
    )
