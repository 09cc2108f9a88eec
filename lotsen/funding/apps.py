from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "lotsen.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation
        from lotsen.events import reporting as event_reporting
        from lotsen.placements import reporting as placement_reporting
        from lotsen.support import reporting as support_reporting
        from lotsen.surveys.services import needs_ranking_for_plan

        from . import delivery, policies
        from .checks import volumes_have_sources
        from .inbox import plans_to_adopt

        navigation.register(
            navigation.NavItem(
                _("Funding"),
                "funding:index",
                policies.can_use_funding,
                order=600,
                area=navigation.FOLLOW_UP,
            )
        )
        inbox.register(plans_to_adopt)
        # Funding sits above the apps whose records it measures: it imports their
        # reporting functions and registers them; they never import funding.
        delivery.register_delivered_hours(support_reporting.party_support_hours)
        delivery.register_volume(delivery.SUPPORT_HOURS, support_reporting.support_hours)
        delivery.register_delivered_hours(event_reporting.party_event_hours)
        delivery.register_volume(delivery.EVENT_PARTICIPANTS, event_reporting.event_participants)
        # The funding plan is drafted from the enterprises' own ranking of needs.
        delivery.register_needs_ranking(needs_ranking_for_plan)
        delivery.register_volume(
            delivery.PLACEMENTS_STARTED, placement_reporting.placements_started
        )
        # Hours that parties deliver outside the platform, typed in by the coordinator.
        delivery.register_delivered_hours(delivery.manual_delivered_hours)
        checks.register(volumes_have_sources)
