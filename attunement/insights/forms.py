from django import forms

from attunement.insights import pulse
from attunement.insights.models import CLOSENESS_MAX, SCORE_MAX, SCORE_MIN
from attunement.lib.forms import StrictBooleanField, StrictCheckbox
from attunement.lib.insights import Strategy

SCALE = [(n, str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class PulseForm(forms.Form):
    """One 1–7 item per strategy, the closeness slider, and whether to see closeness together."""

    closeness = forms.IntegerField(
        min_value=0,
        max_value=CLOSENESS_MAX,
        initial=50,
        widget=forms.NumberInput(attrs={"type": "range", "step": 1}),
    )
    share_closeness = StrictBooleanField(
        required=False,
        widget=StrictCheckbox,
        label="Show our closeness lines side by side, if my partner chooses this too",
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.items = pulse.items()
        for item in self.items:
            self.fields[item.strategy] = forms.TypedChoiceField(
                choices=SCALE, coerce=int, widget=forms.RadioSelect, label=item.text
            )
        self.closeness_item = pulse.closeness()
        self.fields["closeness"].label = self.closeness_item.text

    def rows(self) -> list[tuple[pulse.Item, forms.BoundField]]:
        return [(item, self[item.strategy]) for item in self.items]

    def scores(self) -> dict[str, int]:
        return {item.strategy: self.cleaned_data[item.strategy] for item in self.items}


class FocusForm(forms.Form):
    strategy = forms.ChoiceField(choices=[(s.value, s.label) for s in Strategy])


class SpanForm(forms.Form):
    span = forms.ChoiceField(choices=[("weeks", "Weeks"), ("months", "Months")], required=False)
