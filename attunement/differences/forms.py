from typing import Any

from django import forms

from attunement.differences import scoring

CHOICES = [(str(v), str(v)) for v in range(1, 8)]


def _scale_field(label: str, required_message: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label=label,
        error_messages={"required": required_message, "invalid_choice": "Choose 1 to 7."},
    )


class DimensionForm(forms.Form):
    """One screen of the reflection: every statement of one dimension, each 1..7."""

    def __init__(self, dimension: scoring.Dimension, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        for item in dimension.items:
            self.fields[item["id"]] = _scale_field(item["text"], "Choose an answer for this one.")

    def answers(self) -> dict[str, object]:
        return {item["id"]: self.cleaned_data[item["id"]] for item in self.dimension.items}


class GuessForm(forms.Form):
    """Where the partner would put themself on each scale, 1..7."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for scale in scoring.scales().values():
            self.fields[scale.id] = _scale_field(scale.title, "Make a guess for this one.")

    def scores(self) -> dict[str, object]:
        return {key: self.cleaned_data[key] for key in scoring.scales()}


class SharingForm(forms.Form):
    shared = forms.TypedChoiceField(
        choices=[("1", "Share"), ("0", "Keep private")], coerce=lambda v: v == "1"
    )
