from typing import Any

from django import forms

from attunement import content
from attunement.lib.forms import StrictBooleanField, StrictCheckbox
from attunement.listening.models import (
    NOTE_MAX,
    PIECE_MAX,
    TOPIC_MAX,
    Helped,
    Mode,
    Tap,
    Timer,
    Verdict,
)

OWN = "own"


def topic_choices() -> list[tuple[str, str]]:
    return [(t["id"], t["title"]) for t in content.load("conversation_topics")]


class StartForm(forms.Form):
    topic = forms.ChoiceField(
        choices=(),
        widget=forms.RadioSelect,
        label="Topic",
        required=False,  # writing your own is enough (see clean)
    )
    own_topic = forms.CharField(
        required=False,
        max_length=TOPIC_MAX,
        label="Or write your own topic",
        help_text="A few words are enough. Only the two of you see it.",
    )
    mode = forms.ChoiceField(
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.IN_PERSON,
        label="How will you talk?",
        error_messages={"required": "Choose in person or typed."},
    )
    timer_minutes = forms.TypedChoiceField(
        choices=Timer.choices,
        coerce=int,
        initial=0,
        required=False,
        empty_value=0,  # type: ignore[arg-type]  # stub says str | None; any value is allowed
        label="Timer for each turn (in person)",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ChoiceField)
        topic.choices = [*topic_choices(), (OWN, "Our own topic")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Words written in "your own topic" are the topic unless a listed one is ticked: nobody
        # has to tick an option for their own words (app.js unticks the list as they type).
        if not data.get("topic") and (data.get("own_topic") or "").strip():
            data["topic"] = OWN
        elif not data.get("topic") and "topic" not in self.errors:
            self.add_error("topic", "Choose a topic, or write your own.")
        return data

    def topic_id(self) -> str:
        """The catalogue topic chosen, or "" for the couple's own (services.start_conversation
        then needs `own_topic`)."""
        topic: str = self.cleaned_data["topic"]
        return "" if topic == OWN else topic


class TextForm(forms.Form):
    text = forms.CharField(
        max_length=PIECE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write a few words first."},
    )
    step = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class PieceForm(TextForm):
    send_anyway = StrictBooleanField(required=False, widget=forms.HiddenInput)


class ConfirmForm(forms.Form):
    verdict = forms.ChoiceField(
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        label="Did that get it?",
        error_messages={"required": "Choose one of the answers."},
    )
    clarification = forms.CharField(
        required=False,
        max_length=PIECE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything to add or clarify? (optional)",
    )
    step = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class ResponseForm(forms.Form):
    text = forms.CharField(
        required=False,
        max_length=PIECE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Validate or respond (optional)",
        help_text="“That makes sense, because…” or “I imagine you feel…”",
    )
    skip = StrictBooleanField(required=False, widget=forms.HiddenInput)
    step = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("skip"):
            data["text"] = ""  # the "take the floor without responding" button
        return data


class StepForm(forms.Form):
    action = forms.ChoiceField(choices=Tap.choices)
    step = forms.IntegerField(required=False, min_value=0)


class ControlForm(forms.Form):
    step = forms.IntegerField(required=False, min_value=0)


class RatingForm(forms.Form):
    felt_heard = forms.TypedChoiceField(
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        label="How heard did you feel?",
        help_text="1 is not at all, 5 is completely.",
        error_messages={"required": "Choose a number from 1 to 5."},
    )
    helped = forms.MultipleChoiceField(
        choices=Helped.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="What helped?",
    )
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Anything else, just for you? (optional)",
    )
    counts_for_partner = StrictBooleanField(
        required=False,
        widget=StrictCheckbox,
        initial=True,
        label="Count it in my partner's listening progress",
        help_text="Only ever as an average of three or more conversations, never on its own.",
    )
