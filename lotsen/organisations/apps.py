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
                _("Organisations"),
                "organisations:list",
                policies.can_view_register,
                order=200,
                area=navigation.ADMINISTRATION,
            ),
            navigation.NavItem(
                _("Our company profile"),
                "directory:mine",
                policies.is_enterprise_user,
                order=21,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("Profiles to verify"),
                "directory:review",
                policies.can_verify,
                order=220,
                area=navigation.ADMINISTRATION,
            ),
            # The study's mapping of actors builds knowledge of the region.
            navigation.NavItem(
                _("Actor mapping"),
                "organisations:actors",
                policies.can_map_actors,
                order=430,
                area=navigation.DIALOGUE,
            ),
        )
        inbox.register(profiles_awaiting_verification)
