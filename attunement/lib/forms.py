"""Form pieces every app may use: a checkbox that refuses what no checkbox of ours sends."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.datastructures import MultiValueDict

CHECKBOX_VALUES = {"", "on", "1", "true", "True", "0", "false", "False"}


class StrictCheckbox(forms.CheckboxInput):
    """Hands an unexpected raw value on to the field (Django's checkbox turns it into True)."""

    def value_from_datadict(
        self, data: Mapping[str, Any], files: MultiValueDict[str, UploadedFile], name: str
    ) -> Any:
        raw = data.get(name)
        if isinstance(raw, str) and raw not in CHECKBOX_VALUES:
            return raw
        return super().value_from_datadict(data, files, name)


class StrictBooleanField(forms.BooleanField):
    """A checkbox that refuses anything a checkbox or button of ours would never send."""

    def to_python(self, value: object) -> bool:
        if isinstance(value, str) and value not in CHECKBOX_VALUES:
            raise forms.ValidationError("That answer wasn't clear. Please try again.")
        return super().to_python(value)
