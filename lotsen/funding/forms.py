from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import DecimalField, IntegerField, number_formfield
from lotsen.core.models import SupportArea
from lotsen.events.models import Event
from lotsen.organisations.models import Organisation
from lotsen.support.models import SupportRequest

from .models import (
    COORDINATION_AREA,
    Contribution,
    DeliveredEffort,
    Expenditure,
    FundingModel,
    Plan,
    PlanItem,
    Scenario,
)

MONEY_ERRORS = {
    "invalid": _("Write an amount in kronor, e.g. 12 500 or 12500,50."),
    "min_value": _("The amount cannot be negative."),
    "max_decimal_places": _("Give the amount in whole öre: at most two decimals."),
    "max_digits": _("The amount is too large."),
    "max_whole_digits": _("The amount is too large."),
}
HOURS_ERRORS = {
    "invalid": _("Write a number of hours, e.g. 40 or 12,5."),
    "min_value": _("Hours cannot be negative."),
    "max_decimal_places": _("Give hours with at most one decimal."),
    "max_digits": _("Too many hours."),
    "max_whole_digits": _("Too many hours."),
}


class MoneyField(DecimalField):
    """Kronor with öre: never negative, at most two decimals."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("error_messages", MONEY_ERRORS)
        super().__init__(**kwargs)


class HoursField(MoneyField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 1)
        kwargs.setdefault("error_messages", HOURS_ERRORS)
        super().__init__(**kwargs)


def plannable_areas():
    return SupportArea.objects.exclude(pk=COORDINATION_AREA)


def parties():
    return Organisation.objects.filter(kind=Organisation.Kind.PARTY)


class PlanDraftForm(forms.Form):
    """A new year's plan; the areas are prioritised by number, 1 = most needed."""

    year = IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    model = forms.ChoiceField(label=_("Model"), choices=FundingModel.choices)
    pot_budget = MoneyField(
        label=_("The pot (SEK)"), help_text=_("The money the parties put into the common pot.")
    )
    coordinator_cost = MoneyField(label=_("The coordinator's cost (SEK)"))

    def __init__(self, *args, areas, ranking: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        # Codes the plan cannot take (the coordinator's line, retired areas) are skipped,
        # so the ranking's order becomes priorities 1, 2, 3… among the plannable areas.
        codes = {area.pk for area in self.areas}
        ranked = [code for code in ranking or [] if code in codes]
        positions = {code: position for position, code in enumerate(ranked, 1)}
        for area in self.areas:
            self.fields[f"priority_{area.pk}"] = IntegerField(
                label=area.name,
                required=False,
                min_value=1,
                max_value=len(self.areas),
                initial=positions.get(area.pk),
                error_messages={
                    "invalid": _("Write a whole number."),
                    "min_value": _("Priorities start at 1."),
                    "max_value": _("At most %(limit_value)s."),
                },
            )

    def priority_fields(self):
        return [self[f"priority_{area.pk}"] for area in self.areas]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if Plan.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("There is already a plan for %(year)s."), params={"year": year}
            )
        return year

    def clean(self):
        cleaned = super().clean()
        chosen = [
            (cleaned[f"priority_{area.pk}"], area)
            for area in self.areas
            if cleaned.get(f"priority_{area.pk}") is not None
        ]
        numbers = [number for number, _area in chosen]
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Prioritise at least one support area."))
        if len(set(numbers)) != len(numbers):
            raise forms.ValidationError(_("Give each support area its own priority number."))
        cleaned["areas"] = [area for _number, area in sorted(chosen, key=lambda pair: pair[0])]
        return cleaned


class RevisionReasonMixin(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the plan is adopted."),
    )

    def offer_reason_only_for(self, plan: Plan) -> None:
        # A draft changes without a revision, so a reason written there would be dropped.
        if not plan.is_adopted:
            del self.fields["reason"]


class PlanForm(forms.ModelForm, RevisionReasonMixin):
    pot_budget = MoneyField(label=_("The pot (SEK)"))
    coordinator_cost = MoneyField(label=_("The coordinator's cost (SEK)"))

    class Meta:
        formfield_callback = number_formfield
        model = Plan
        fields = ["model", "pot_budget", "coordinator_cost"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_reason_only_for(self.instance)


class PlanItemForm(forms.ModelForm, RevisionReasonMixin):
    area = forms.ModelChoiceField(queryset=plannable_areas(), label=_("Support area"))
    budget = MoneyField(label=_("Budget (SEK)"), required=False)
    committed_hours = HoursField(label=_("Committed hours"), required=False)
    responsible_party = forms.ModelChoiceField(
        queryset=parties(),
        required=False,
        label=_("Responsible party"),
        empty_label=_("The pot"),
        help_text=_("The pot pays for the area when no party is responsible."),
    )

    class Meta:
        formfield_callback = number_formfield
        model = PlanItem
        fields = ["priority", "area", "goal", "budget", "committed_hours", "responsible_party"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_reason_only_for(self.instance.plan)


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(
        label=_("Adopted at the steering group's meeting on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )
    reason = forms.CharField(
        label=_("Reason for adopting a plan over the pot"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ContributionForm(forms.ModelForm):
    party = forms.ModelChoiceField(queryset=parties(), label=_("Party"))
    amount = MoneyField(label=_("Money into the pot (SEK)"), required=False)
    hours = HoursField(label=_("Hours in kind"), required=False)
    hourly_value = MoneyField(label=_("Hourly value (SEK)"), required=False)

    class Meta:
        formfield_callback = number_formfield
        model = Contribution
        fields = ["party", "year", "amount", "hours", "hourly_value", "paid_on", "note"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        cleaned = super().clean()
        for name, zero in (("amount", "0.00"), ("hours", "0.0"), ("hourly_value", "0.00")):
            if cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = Decimal(zero)
                setattr(self.instance, name, Decimal(zero))
        return cleaned


class ExpenditureForm(forms.ModelForm):
    plan = forms.ModelChoiceField(
        queryset=Plan.objects.exclude(status=Plan.Status.CLOSED).order_by("-year"),
        label=_("Year"),
        error_messages={"invalid_choice": _("That year is closed or has no plan.")},
    )
    net_amount = MoneyField(label=_("Amount excluding VAT (SEK)"))

    class Meta:
        formfield_callback = number_formfield
        model = Expenditure
        fields = [
            "plan",
            "area",
            "supplier",
            "spent_on",
            "description",
            "net_amount",
            "vat_rate",
            "event",
            "support_request",
        ]
        widgets = {"spent_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {
            "event": _("Optional: the event the expenditure paid for."),
            "support_request": _("Optional: the support request the expenditure paid for."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].label_from_instance = lambda plan: str(plan.year)
        # Only what the booking person may see can be linked.
        event = self.fields["event"]
        event.queryset = Event.objects.visible_to(user).order_by("-starts_at")
        event.label_from_instance = lambda e: f"{timezone.localdate(e.starts_at):%Y-%m-%d} {e}"
        event.error_messages["invalid_choice"] = _("Unknown event. Choose one from the list.")
        request = self.fields["support_request"]
        request.queryset = SupportRequest.objects.visible_to(user).order_by("-created_at")
        request.error_messages["invalid_choice"] = _(
            "Unknown support request. Choose one from the list."
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("net_amount") is not None and cleaned.get("vat_rate") is not None:
            self.instance.net_amount = cleaned["net_amount"]
            self.instance.vat_rate = cleaned["vat_rate"]
            self.instance.compute_vat()
        return cleaned


class DeliveredEffortForm(forms.ModelForm):
    party = forms.ModelChoiceField(queryset=parties(), label=_("Party"))
    hours = HoursField(label=_("Hours"), min_value=Decimal("0.1"))

    class Meta:
        formfield_callback = number_formfield
        model = DeliveredEffort
        fields = ["party", "area", "year", "hours", "description"]


class ScenarioForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        required=False,
        help_text=_("Give a name to save the scenario."),
    )
    bought_hourly_rate = MoneyField(label=_("Price of a bought hour (SEK)"), initial=1100)
    own_hourly_value = MoneyField(label=_("Value of a party's own hour (SEK)"), initial=650)
    coordinator_hourly_cost = MoneyField(
        label=_("The coordinator's hourly cost (SEK)"), initial=600
    )
    coordinator_base_hours = HoursField(label=_("The coordinator's base hours"), initial=400)
    coordination_per_bought_hour = DecimalField(
        label=_("Coordination hours per bought hour"),
        min_value=0,
        max_value=1,
        decimal_places=2,
        initial=Decimal("0.20"),
    )
    coordination_per_own_hour = DecimalField(
        label=_("Coordination hours per party hour"),
        min_value=0,
        max_value=1,
        decimal_places=2,
        initial=Decimal("0.05"),
    )
    mix_bought_percent = IntegerField(
        label=_("Share bought in the mix (%)"), min_value=0, max_value=100, initial=50
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        for area in self.areas:
            self.fields[f"hours_{area.pk}"] = HoursField(label=area.name, required=False)

    def hour_fields(self):
        return [self[f"hours_{area.pk}"] for area in self.areas]

    def parameter_fields(self):
        return [
            self[name] for name in self.fields if not name.startswith("hours_") and name != "name"
        ]

    def area_hours(self) -> dict[str, Decimal]:
        return {
            area.pk: self.cleaned_data[f"hours_{area.pk}"]
            for area in self.areas
            if self.cleaned_data.get(f"hours_{area.pk}")
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.area_hours():
            raise forms.ValidationError(_("Give the hours of at least one support area."))
        name = cleaned.get("name", "").strip()
        if name and Scenario.objects.filter(name=name).exists():
            self.add_error("name", _("A scenario with this name is already saved."))
        return cleaned

    @classmethod
    def initial_from(cls, scenario: Scenario) -> dict:
        initial = {
            field: getattr(scenario, field)
            for field in (
                "bought_hourly_rate",
                "own_hourly_value",
                "coordinator_hourly_cost",
                "coordinator_base_hours",
                "coordination_per_bought_hour",
                "coordination_per_own_hour",
                "mix_bought_percent",
            )
        }
        initial.update({f"hours_{code}": hours for code, hours in scenario.area_hours.items()})
        return initial
