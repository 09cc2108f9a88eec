"""Display names of the estimate's actors, outcome groups, items and parameters."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.placements.models import OutcomeGroup

from . import estimate

ACTORS = {
    estimate.MUNICIPALITY: _("The municipality"),
    estimate.REGION: _("The region"),
    estimate.EMPLOYMENT_SERVICE: _("Arbetsförmedlingen"),
    estimate.SOCIAL_INSURANCE: _("Försäkringskassan"),
    estimate.STATE: _("The state"),
    estimate.INDIVIDUAL: _("The individual"),
}
# Parameters that are not tied to one actor (wage, adjustments).
GENERAL = "general"
ACTOR_CHOICES = [*ACTORS.items(), (GENERAL, _("All actors"))]

GROUPS = dict(OutcomeGroup.choices)

ITEMS = {
    "social_assistance_saved": _("Social assistance no longer paid"),
    "municipal_tax": _("Municipal income tax on the wage"),
    "regional_tax": _("Regional income tax on the wage"),
    "health_care_saved": _("Health care not needed"),
    "activity_support_saved": _("Activity support no longer paid"),
    "wage_subsidy": _("Wage subsidy paid"),
    "sickness_benefit_saved": _("Sickness or activity compensation no longer paid"),
    "employer_contributions": _("Employer's contributions on the wage"),
    "wage": _("Wage"),
    "income_tax_paid": _("Income tax paid"),
    "benefits_lost": _("Benefits no longer received"),
    "adult_education": _("Adult education provided"),
    "study_grant_paid": _("Study grant paid"),
    "study_grant_received": _("Study grant received"),
}

PARAMETERS = {
    "social_assistance_per_household": _("Social assistance per household and year"),
    "social_assistance_share": _("Share who had social assistance before"),
    "sickness_benefit_per_person": _("Sickness or activity compensation per person and year"),
    "sickness_benefit_share": _("Share who had sickness or activity compensation before"),
    "activity_support_per_person": _("Activity support per person and year"),
    "activity_support_share": _("Share who had activity support before"),
    "wage_subsidy_per_person": _("Wage subsidy per person in work and year"),
    "yearly_wage": _("Yearly wage of a person in work"),
    "employer_contribution_rate": _("Employer's contributions"),
    "municipal_tax_rate": _("Municipal income tax rate"),
    "regional_tax_rate": _("Regional income tax rate"),
    "taxed_share": _("Share of the wage that is taxed"),
    "health_care_saving_per_person": _("Health care saved per person in work and year"),
    "study_grant_per_person": _("Study grant per student and year"),
    "adult_education_cost": _("Cost of adult education per student and year"),
    estimate.DEADWEIGHT: _("Deadweight"),
    estimate.ATTRIBUTION: _("Attribution"),
    estimate.DURATION: _("Duration"),
    estimate.DROP_OFF: _("Drop-off per year"),
}

CASES = {
    "low": pgettext_lazy("estimate case", "Low"),
    "central": pgettext_lazy("estimate case", "Central"),
    "high": pgettext_lazy("estimate case", "High"),
}

COST_BASES = {
    "outcome": _("the year's expenditures and the value of hours in kind (funding follow-up)"),
    "budget": _("the year's plan budget, since no expenditure is booked yet"),
    "none": _("no plan for the year: the cost is unknown"),
    "scope": _("no cost of its own for part of the region"),
}


def for_estimate() -> estimate.Labels:
    return estimate.Labels(actors=ACTORS, groups=GROUPS, items=ITEMS)
