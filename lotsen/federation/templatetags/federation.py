from django import template

from lotsen.federation.providers import LoginChoice, login_choices

register = template.Library()


@register.simple_tag
def federation_login_choices() -> list[LoginChoice]:
    return login_choices()
