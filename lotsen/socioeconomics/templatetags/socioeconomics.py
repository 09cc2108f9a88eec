from decimal import Decimal

from django.template import Library
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

register = Library()


@register.filter
def kronor(value) -> str:
    """Whole kronor, grouped in the current language: 1 250 000 kr; – for no value."""
    if value is None or value == "":
        return "–"
    return f"{floatformat(value, '0g')}\u00a0kr"


@register.filter
def ratio(value) -> str:
    if value is None:
        return "–"
    return floatformat(value, "2g")


@register.filter
def parameter_value(value, unit: str) -> str:
    """A parameter's value with its unit, as in the parameter table."""
    if value is None:
        return "–"
    number = floatformat(value, "-2g")
    if unit == "percent":
        return f"{number}\u00a0%"
    if unit == "years":
        return _("%(number)s years") % {"number": number}
    return f"{number}\u00a0kr"


@register.filter
def decimal(value, places: int = 2) -> str:
    """At most `places` decimals, without trailing zeros: 2,19 rather than 2,1900."""
    if value is None:
        return "–"
    value = Decimal(value).quantize(Decimal(1).scaleb(-places)).normalize()
    return floatformat(value, f"{max(0, -value.as_tuple().exponent)}g")


@register.filter
def case_of(mapping, case: str):
    """mapping[case] for the dictionaries keyed by case (low, central, high)."""
    return mapping.get(case) if mapping else None


@register.filter
def case_value(row, case: str):
    """A row's value in one case (low, central or high)."""
    return row.value(case)
