from typing import Any

from django import forms

from attunement import content
from attunement.sharing.models import ANSWER_MAX, REPLY_MAX, Depth, ReactionKind
from attunement.sharing.services import ANSWER_REQUIRED

TIMER_CHOICES = [
    ("0", "No timer"),
    ("2", "2 minutes each"),
    ("4", "4 minutes each"),
    ("6", "6 minutes each"),
]
DECK_SIZE = 12


class AnswerForm(forms.Form):
    text = forms.CharField(
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Your answer",
        error_messages={
            "required": ANSWER_REQUIRED,
            "max_length": f"Please keep it under {ANSWER_MAX} characters.",
        },
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ReactionKind.choices,
        required=False,
        widget=forms.RadioSelect,
        label="A quick reaction",
    )
    reply = forms.CharField(
        required=False,
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="A few words back (optional)",
        error_messages={"max_length": f"Please keep your reply under {REPLY_MAX} characters."},
    )


class CheckReplyForm(forms.Form):
    reply = forms.CharField(required=False, max_length=REPLY_MAX)


class ComfortForm(forms.Form):
    ceiling = forms.ChoiceField(
        choices=Depth.choices,
        widget=forms.RadioSelect,
        label="How deep would you like to go?",
    )


class HistoryFilter(forms.Form):
    theme = forms.ChoiceField(required=False, label="Theme")
    favourites = forms.BooleanField(required=False, label="Only favourites")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ChoiceField)
        theme.choices = [("", "All themes")] + list(content.themes().items())


class TogetherForm(forms.Form):
    depth = forms.ChoiceField(choices=Depth.choices, initial="light", label="Depth")
    timer = forms.ChoiceField(choices=TIMER_CHOICES, required=False, initial="0", label="Timer")
    n = forms.IntegerField(min_value=0, max_value=DECK_SIZE - 1, required=False, initial=0)

    def __init__(self, *args: Any, allowed: tuple[str, ...] = ("light",), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        depth = self.fields["depth"]
        assert isinstance(depth, forms.ChoiceField)
        depth.choices = [c for c in Depth.choices if c[0] in allowed]
