"""The forms of spend: an award per lot, and a buyer's yearly purchases."""

from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import number_formfield
from lotsen.core.widgets import LongSelect
from lotsen.organisations.models import Organisation

from ..models import Award, Purchase

MONEY_ERRORS = {
    "invalid": _("Write an amount in whole kronor, e.g. 1 200 000."),
    "min_value": _("The amount cannot be negative."),
    "max_decimal_places": _("Give the amount in whole kronor, without öre."),
    "max_digits": _("The amount is too large."),
    "max_whole_digits": _("The amount is too large."),
}
DATE_ERRORS = {"invalid": _("Write a date as YYYY-MM-DD.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AwardForm(forms.ModelForm):
    """Who won one lot, or the whole opportunity: one of three ways to name the supplier."""

    class Meta:
        formfield_callback = number_formfield
        model = Award
        fields = [
            "supplier",
            "consortium",
            "supplier_name",
            "value",
            "awarded_on",
            "period_start",
            "period_end",
        ]
        widgets = {
            "supplier": LongSelect,
            "awarded_on": DateInput,
            "period_start": DateInput,
            "period_end": DateInput,
        }
        help_texts = {
            "supplier": _("A supplier registered in Lotsen."),
            "consortium": _("Enterprises that tendered together for this opportunity."),
            "supplier_name": _("Only when the supplier is neither in Lotsen nor a consortium."),
        }
        error_messages = {
            "value": MONEY_ERRORS,
            "awarded_on": DATE_ERRORS,
            "period_start": DATE_ERRORS,
            "period_end": DATE_ERRORS,
        }

    def __init__(self, *args, opportunity, lot=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lot = lot
        self.instance.opportunity = opportunity
        self.instance.lot = lot
        self.fields["supplier"].queryset = Organisation.objects.exclude(
            kind=Organisation.Kind.PARTY
        ).order_by("name")
        self.fields["consortium"].queryset = opportunity.consortia.order_by("name")
        if not self.fields["consortium"].queryset.exists():
            del self.fields["consortium"]
        if not self.is_bound:
            self.initial.setdefault("awarded_on", timezone.localdate())
            self.initial.setdefault("period_start", opportunity.contract_start)
            self.initial.setdefault("period_end", opportunity.contract_end)


class PurchaseForm(forms.ModelForm):
    class Meta:
        formfield_callback = number_formfield
        model = Purchase
        fields = ["buyer", "supplier", "year", "amount", "outside_notices", "note"]
        widgets = {"supplier": LongSelect}
        error_messages = {
            "amount": MONEY_ERRORS,
            "year": {
                "invalid": _("Write a year, e.g. 2025."),
                "min_value": _("Give a year from 2000."),
            },
        }

    def __init__(self, *args, buyers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer"].queryset = buyers
        self.fields["buyer"].empty_label = None
        self.fields["supplier"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SOCIAL_ENTERPRISE
        ).order_by("name")
        self.fields["year"].validators.append(
            MaxValueValidator(
                timezone.localdate().year, message=_("The year cannot be in the future.")
            )
        )
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("year", timezone.localdate().year - 1)

    def validate_unique(self):
        # The model's one constraint, said in words the buyer understands.
        data = self.cleaned_data
        if {"buyer", "supplier", "year"} <= data.keys():
            rows = Purchase.objects.filter(
                buyer=data["buyer"],
                supplier=data["supplier"],
                year=data["year"],
                outside_notices=data.get("outside_notices", False),
            ).exclude(pk=self.instance.pk)
            if rows.exists():
                self.add_error(
                    "supplier",
                    _(
                        "This year's purchases from this enterprise are recorded already: "
                        "change that row instead."
                    ),
                )


class PurchaseFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None, choices=()
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            ("", _("All years")),
            *((year, year) for year in range(this_year, 1999, -1)),
        ]

    def filter(self, queryset):
        if self.is_valid() and self.cleaned_data["year"]:
            return queryset.filter(year=self.cleaned_data["year"])
        return queryset
