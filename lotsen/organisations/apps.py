from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "lotsen.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        navigation.register(
            navigation.NavItem(
                _("Organisations"), "organisations:list", policies.can_view_register, order=200
            )
        )
