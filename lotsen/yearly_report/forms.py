from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField

from . import content


class YearForm(forms.Form):
    year = IntegerField(
        label=_("Year"),
        help_text=_("A calendar year from the platform's first records up to this year."),
    )

    def __init__(self, *args, first_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].widget = forms.Select(
            choices=[(year, year) for year in range(this_year, first_year - 1, -1)]
        )
        self.fields["year"].initial = this_year

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        try:
            content.check_year(year)
        except content.ReportRefused as error:
            raise forms.ValidationError(str(error), code="year") from error
        return year
