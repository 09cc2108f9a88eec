from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "lotsen.placements"
    label = "placements"
    verbose_name = _("Pilot function")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation
        from lotsen.funding import delivery

        from . import policies, reporting
        from .inbox import caseworker_sections, coordinator_sections, enterprise_sections

        navigation.register(
            navigation.NavItem(
                _("Participants"), "placements:participant_list", policies.can_list_people, 300
            ),
            navigation.NavItem(
                _("Referrals"), "placements:referral_list", policies.can_list_referrals, 310
            ),
            navigation.NavItem(
                _("Placements"), "placements:placement_list", policies.can_list_placements, 320
            ),
            navigation.NavItem(
                _("Work-training places"),
                "placements:opening_list",
                policies.can_list_openings,
                330,
            ),
            navigation.NavItem(
                _("Follow-up reports"), "placements:report", policies.can_view_reports, 340
            ),
        )
        inbox.register(coordinator_sections)
        inbox.register(enterprise_sections)
        inbox.register(caseworker_sections)
        delivery.register_volume(delivery.PLACEMENTS_STARTED, reporting.placements_started)
