from django.template import Library

from lotsen.federation.providers import LoginChoice, login_choices

register = Library()


@register.simple_tag
def federation_login_choices() -> list[LoginChoice]:
    return login_choices()
