from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import IntegerField
from lotsen.core.models import Municipality
from lotsen.core.widgets import LongSelect
from lotsen.organisations.models import Organisation

from .indicators import Scope
from .periods import KINDS, MONTH, QUARTER, YEAR, Period


class PeriodForm(forms.Form):
    """The period asked for by kind, year and number; a GET form, so bookmarks work."""

    kind = forms.ChoiceField(label=_("Period"), choices=list(KINDS.items()), initial=YEAR)
    year = IntegerField(label=_("Year"), min_value=2000, max_value=9998)
    number = IntegerField(
        label=_("Month or quarter"),
        min_value=1,
        max_value=12,
        required=False,
        help_text=_("Month 1–12 or quarter 1–4; not used for a year."),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        kind = data["kind"]
        number = 1 if kind == YEAR else data.get("number")
        if number is None:
            raise forms.ValidationError(
                _("Give the number of the month (1–12) or the quarter (1–4)."), code="number"
            )
        try:
            data["period"] = Period.of(kind, data["year"], number)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="period") from error
        return data

    @classmethod
    def initial_data(cls) -> dict:
        today = timezone.localdate()
        return {"kind": YEAR, "year": today.year, "number": ""}

    @staticmethod
    def data_for(period: Period) -> dict:
        number = {MONTH: period.number, QUARTER: period.number}.get(period.kind, "")
        return {"kind": period.kind, "year": period.year, "number": number}


class DashboardForm(PeriodForm):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.in_home_county(),
        required=False,
        empty_label=_("The whole region"),
        widget=LongSelect,
    )
    party = forms.ModelChoiceField(
        label=_("Party"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTY)
        .order_by("name")
        .only("pk", "name"),
        required=False,
        empty_label=_("All parties"),
        widget=LongSelect,
    )

    @property
    def scope(self) -> Scope:
        municipality = self.cleaned_data.get("municipality")
        party = self.cleaned_data.get("party")
        return Scope(
            municipality_id=municipality.pk if municipality else None,
            party_id=party.pk if party else None,
        )
