"""Forms of follow-up and outcomes, and the report's period."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import number_formfield

from ..models import FollowUp, IncomeSource, Outcome, ProgressDimension
from .fields import DateInput, chosen


class FollowUpForm(forms.ModelForm):
    class Meta:
        formfield_callback = number_formfield
        model = FollowUp
        fields = ["date", "phase", "hours_attended", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, dimensions: list[ProgressDimension], **kwargs):
        super().__init__(*args, **kwargs)
        self.dimensions = dimensions
        for dimension in dimensions:
            self.fields[f"score_{dimension.code}"] = forms.TypedChoiceField(
                label=dimension.name,
                choices=[("", _("Not rated")), *[(v, str(v)) for v in range(1, 6)]],
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("1 = much support needed, 5 = manages independently."),
            )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise ValidationError(_("A follow-up cannot be in the future."), code="future")
        return value

    def scores(self) -> dict[str, int]:
        return {
            dimension.code: self.cleaned_data.get(f"score_{dimension.code}")
            for dimension in self.dimensions
        }


class OutcomeCheckForm(forms.Form):
    checked_on = forms.DateField(label=_("Checked on"), widget=DateInput())
    outcome = chosen(Outcome, _("Outcome"))
    income_source = chosen(IncomeSource, _("Income source"))


class ReportPeriodForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("To"), widget=DateInput(), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError(
                _("The from-date cannot be after the to-date."), code="reversed_period"
            )
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return (
            data.get("date_from") or datetime.date(today.year, 1, 1),
            data.get("date_to") or today,
        )
