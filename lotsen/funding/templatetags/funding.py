from django.template import Library
from django.template.defaultfilters import floatformat

from lotsen.funding.money import format_kronor

register = Library()


@register.filter
def kr(value) -> str:
    """An amount in kronor with öre, grouped in the current language: 12 500,00 kr."""
    return format_kronor(None if value == "" else value)


@register.filter
def hours(value) -> str:
    if value is None or value == "":
        return "–"
    return floatformat(value, "-1g")


@register.filter
def percent(value) -> str:
    if value is None:
        return "–"
    return f"{floatformat(value, '1')}\u00a0%"


@register.inclusion_tag("funding/_nav.html", takes_context=True)
def funding_nav(context, section: str) -> dict:
    from lotsen.funding import policies

    user = context["request"].user
    return {
        "section": section,
        "nav_follow_up": policies.can_follow_up(user),
        "nav_manage": policies.can_manage(user),
    }
