from typing import Any

from django import forms

from attunement.together.models import HIGHLIGHT_MAX, LABELS, NOTE_MAX, PLACE_MAX, Choice
from attunement.together.services import MINUTES


def _choices(tag: str) -> list[tuple[str, str]]:
    return list(LABELS[tag].items())


class SwipeForm(forms.Form):
    activity = forms.CharField(max_length=8)
    choice = forms.ChoiceField(choices=Choice.choices)


class AnswerForm(forms.Form):
    """Change an earlier mark, or take it back (the activity returns to the deck)."""

    TAKE_BACK = "undo"

    activity = forms.CharField(max_length=8)
    choice = forms.ChoiceField(choices=[*Choice.choices, (TAKE_BACK, "Take back")])


class FiltersForm(forms.Form):
    max_cost = forms.ChoiceField(choices=_choices("cost"), label="Spend up to")
    max_energy = forms.ChoiceField(choices=_choices("energy"), label="Energy up to")
    places = forms.MultipleChoiceField(
        choices=_choices("place"), widget=forms.CheckboxSelectMultiple, label="Where"
    )


LENGTHS = [
    (30, "Half an hour"),
    (60, "An hour"),
    (90, "An hour and a half"),
    (120, "Two hours"),
    (180, "Three hours"),
    (240, "Four hours"),
    (480, "All day"),
]
assert [m for m, _ in LENGTHS] == list(MINUTES)


class PlanForm(forms.Form):
    day = forms.DateField(label="Day", widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(label="Time", widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.TypedChoiceField(choices=LENGTHS, coerce=int, initial=120, label="How long")
    place = forms.CharField(max_length=PLACE_MAX, required=False, label="Place (optional)")
    note = forms.CharField(
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note (optional)",
    )


CONNECTION = [
    (1, "1, not much"),
    (2, "2"),
    (3, "3, somewhat"),
    (4, "4"),
    (5, "5, very connected"),
]


class HighlightForm(forms.Form):
    text = forms.CharField(
        max_length=HIGHLIGHT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Your highlight",
        error_messages={"required": "Write a line about your favourite moment first."},
    )
    connection = forms.TypedChoiceField(
        choices=CONNECTION,
        coerce=int,
        widget=forms.RadioSelect,
        label="How connected did you feel?",
    )


CHECKBOX_VALUES = ("", "on", "true", "false", "1", "0")


class TickBox(forms.CheckboxInput):
    """Hands a value no checkbox sends through to the field, which refuses it."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        raw = data.get(name)
        if isinstance(raw, str) and raw.lower() not in CHECKBOX_VALUES:
            return raw
        return super().value_from_datadict(data, files, name)


class Tick(forms.BooleanField):
    """A checkbox that accepts only what a checkbox sends (or nothing): junk is a clear 400."""

    widget = TickBox

    def to_python(self, value: object) -> bool:
        if isinstance(value, str) and value.lower() not in CHECKBOX_VALUES:
            raise forms.ValidationError("Tick the box or leave it empty.")
        return super().to_python(value)


class PreferencesForm(forms.Form):
    reminders = Tick(required=False, label="Email me the day before and an hour before each plan")
    reminder_details = Tick(required=False, label="Put the activity and the time in those emails")
    feed_details = Tick(
        required=False, label="Show the activity, place and note in my calendar feed"
    )
