from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.funding.forms import MoneyField

from .models import VERSIONED_FIELDS, Parameter

VALUE_ERRORS = {
    "invalid": _("Write a number, e.g. 12 500 or 31,42."),
    "max_decimal_places": _("Give at most two decimals."),
    "max_digits": _("The number is too large."),
    "max_whole_digits": _("The number is too large."),
}


class ParameterValueField(MoneyField):
    """A number in Swedish or plain notation; its range is the parameter's own (clean)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", None)
        kwargs.setdefault("error_messages", VALUE_ERRORS)
        super().__init__(**kwargs)


class ParameterForm(forms.ModelForm):
    low = ParameterValueField(label=_("Low case"))
    value = ParameterValueField(label=_("Central value"))
    high = ParameterValueField(label=_("High case"))

    class Meta:
        model = Parameter
        # The form edits exactly what a version records.
        fields = list(VERSIONED_FIELDS)
        widgets = {
            "source_date": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        range_text = self.instance.allowed_range_text
        for name in ("low", "value", "high"):
            self.fields[name].help_text = range_text

    def clean_source_date(self):
        day = self.cleaned_data["source_date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The source cannot be dated in the future."))
        return day
