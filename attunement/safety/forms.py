from typing import Any

from django import forms

from attunement import content
from attunement.safety.models import JOURNAL_MAX


class ScreenForm(forms.Form):
    """One radio group per safety-screen item, on the shared Never..Often scale."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(value, label) for value, label in sorted(content.screen_scale().items())]
        for item in content.load("safety_screen"):
            self.fields[item["id"]] = forms.TypedChoiceField(
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
                label=item["text"],
                error_messages={"required": "Please choose the answer that fits best."},
            )

    def answers(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in self.fields}


class JournalForm(forms.Form):
    text = forms.CharField(
        max_length=JOURNAL_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="Write whatever is on your mind",
        error_messages={"required": "Write a few words first."},
    )


class MisreadForm(forms.Form):
    """ "This isn't what I meant": where to go back to afterwards (a path on this site)."""

    next = forms.CharField(max_length=500, required=False)


class DeleteEntryForm(forms.Form):
    """One tap must not delete a journal entry: the person ticks that they mean it."""

    # The checkbox sends "on"; anything else (or nothing) is not a yes.
    confirm = forms.ChoiceField(
        choices=[("on", "Yes, delete this entry for good")],
        error_messages={
            "required": "Tick the box to confirm, then delete.",
            "invalid_choice": "Tick the box to confirm, then delete.",
        },
    )
