from typing import Any

from django import forms
from django.http import QueryDict

from attunement.empathy.models import (
    BECAUSE_MAX,
    MAX_FEELINGS,
    MISSED_MAX,
    STORY_MAX,
    TEXT_ANSWER_MAX,
    TOPIC_MAX,
    FeelingId,
    Marked,
)
from attunement.lib.errors import InvalidInput

SCALE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class GuessForm(forms.Form):
    feelings = forms.MultipleChoiceField(
        choices=FeelingId.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Pick at least one feeling."},
    )
    intensity = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="How strong?",
        help_text="1 is barely there, 5 is very strong.",
        error_messages={"required": "Choose how strong, from 1 to 5."},
    )

    def clean_feelings(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["feelings"]
        if len(chosen) > MAX_FEELINGS:
            raise forms.ValidationError("Pick up to five feelings, the ones that stand out most.")
        return chosen


class RoundForm(GuessForm):
    because = forms.CharField(
        required=False,
        max_length=BECAUSE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Because… (optional; shown after the guess)",
    )
    from_check_in = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def came_from_check_in(self) -> bool:
        """Whether the form was filled in from a check-in. The hidden field posts back as the
        text "False" when it was not, which a template would read as true."""
        return bool(self.fields["from_check_in"].to_python(self["from_check_in"].value()))


class MarkForm(forms.Form):
    marked = forms.ChoiceField(
        choices=[c for c in Marked.choices if c[0]],
        widget=forms.RadioSelect,
        label="How close?",
        error_messages={"required": "Choose how close the guess came."},
    )


class DisagreementForm(forms.Form):
    topic = forms.CharField(
        max_length=TOPIC_MAX,
        label="What was it about? (a few words both of you would recognise)",
        error_messages={"required": "Give it a few words, so you both know which one it was."},
    )


class StoryForm(forms.Form):
    text = forms.CharField(
        max_length=STORY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What I think it was like for you",
        error_messages={"required": "Write a few lines from your partner's side first."},
    )


class RatingForm(forms.Form):
    captured = forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="How well did it capture your side?",
        help_text="1 missed it, 5 got it completely.",
        error_messages={"required": "Choose a number from 1 to 5."},
    )
    missed = forms.CharField(
        required=False,
        max_length=MISSED_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What did it miss? (optional)",
    )


def quiz_value(item: dict[str, Any], data: QueryDict) -> Any:
    """The answer a quiz form posted for `item`: `value` for a choice or text, `place_<n>` (the
    place 1..n of option n) for a ranking. The service checks it against the item."""
    if item["answer"] != "ranking":
        value = data.get("value", "")
        if len(value) > TEXT_ANSWER_MAX * 2:
            raise InvalidInput(f"Keep it under {TEXT_ANSWER_MAX} characters.")
        return value
    options = list(item.get("options", []))
    places: dict[int, str] = {}
    for n, option in enumerate(options):
        raw = data.get(f"place_{n}", "")
        if not raw.isdigit() or not 1 <= int(raw) <= len(options) or int(raw) in places:
            raise InvalidInput("Give each option its own place, from 1 to the last.")
        places[int(raw)] = option
    return [places[k] for k in sorted(places)]
