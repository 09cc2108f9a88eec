from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "lotsen.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation

        from . import policies
        from .inbox import profiles_awaiting_verification

        navigation.register(
            navigation.NavItem(
                _("Organisations"), "organisations:list", policies.can_view_register, order=200
            ),
            navigation.NavItem(
                _("Our company profile"), "directory:mine", policies.is_enterprise_user, order=210
            ),
            navigation.NavItem(
                _("Profiles to verify"), "directory:review", policies.can_verify, order=220
            ),
            navigation.NavItem(
                _("Actor mapping"), "organisations:actors", policies.can_map_actors, order=230
            ),
        )
        inbox.register(profiles_awaiting_verification)
