"""Fields and widgets the pilot function's forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _


def chosen(choices, label):
    """A required choice that starts empty, so nothing is recorded the user did not pick."""
    return forms.ChoiceField(label=label, choices=[("", _("Choose…")), *choices.choices])


def coded(choices, label):
    return forms.MultipleChoiceField(
        label=label, choices=choices.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
