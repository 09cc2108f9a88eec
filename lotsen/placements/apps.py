from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "lotsen.placements"
    label = "placements"
    verbose_name = _("Pilot function")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation
        from lotsen.support import conversion

        from . import policies
        from .conversion import PROVIDER
        from .inbox import caseworker_sections, coordinator_sections, enterprise_sections

        pilot = navigation.PILOT_FUNCTION
        navigation.register(
            navigation.NavItem(
                _("Participants"),
                "placements:participant_list",
                policies.can_list_people,
                order=300,
                area=pilot,
            ),
            navigation.NavItem(
                _("Referrals"),
                "placements:referral_list",
                policies.can_list_referrals,
                order=310,
                area=pilot,
            ),
            navigation.NavItem(
                _("Placements"),
                "placements:placement_list",
                policies.can_list_placements,
                order=320,
                area=pilot,
            ),
            navigation.NavItem(
                _("Work-training places"),
                "placements:opening_list",
                policies.can_list_openings,
                order=330,
                area=pilot,
            ),
            navigation.NavItem(
                _("Follow-up reports"),
                "placements:report",
                policies.can_view_reports,
                order=650,
                area=navigation.FOLLOW_UP,
            ),
        )
        inbox.register(coordinator_sections)
        inbox.register(enterprise_sections)
        inbox.register(caseworker_sections)
        # Support shows the referral made from a request and offers the conversion.
        conversion.register(PROVIDER)
