from django import forms

from attunement.lib.forms import StrictBooleanField, StrictCheckbox
from attunement.notifications.models import Delivery
from attunement.notifications.reminders import ReminderKind

HOURS = [(h, f"{h:02d}:00") for h in range(24)]
DAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class RemindersForm(forms.Form):
    """One block per offered kind (the check-in first), and quiet hours."""

    quiet_on = StrictBooleanField(required=False, label="Keep quiet hours", widget=StrictCheckbox)
    quiet_start = forms.TypedChoiceField(choices=HOURS, coerce=int, label="From", initial=22)
    quiet_end = forms.TypedChoiceField(choices=HOURS, coerce=int, label="Until", initial=8)

    def __init__(
        self, *args: object, kinds: list[ReminderKind], push: bool = False, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.kinds = kinds
        if push:  # only where the host set up web push
            self.fields["delivery"] = forms.ChoiceField(
                choices=Delivery.Channel.choices,
                widget=forms.RadioSelect,
                label="How reminders reach you",
                initial=Delivery.Channel.EMAIL,
                required=False,  # left out: unchanged
            )
        for k in kinds:
            self.fields[f"{k.key}_on"] = StrictBooleanField(
                required=False, label=k.label, widget=StrictCheckbox
            )
            self.fields[f"{k.key}_hour"] = forms.TypedChoiceField(
                choices=HOURS, coerce=int, label="At", initial=k.default_hour
            )
            if k.cadence == "weekly":
                self.fields[f"{k.key}_day"] = forms.TypedChoiceField(
                    choices=DAYS, coerce=int, label="On", initial=k.default_weekday or 0
                )

    def blocks(self) -> list[dict[str, object]]:
        """The fields of each kind, grouped for the template."""
        return [
            {
                "kind": k,
                "on": self[f"{k.key}_on"],
                "hour": self[f"{k.key}_hour"],
                "day": self[f"{k.key}_day"] if k.cadence == "weekly" else None,
            }
            for k in self.kinds
        ]

    def choices(self) -> list[tuple[str, bool, int, int | None]]:
        data = self.cleaned_data
        return [
            (k.key, data[f"{k.key}_on"], data[f"{k.key}_hour"], data.get(f"{k.key}_day"))
            for k in self.kinds
        ]

    def delivery_choice(self) -> str | None:
        return self.cleaned_data.get("delivery") or None

    def quiet(self) -> tuple[int, int] | None:
        data = self.cleaned_data
        return (data["quiet_start"], data["quiet_end"]) if data["quiet_on"] else None
