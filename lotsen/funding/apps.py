from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "lotsen.funding"
    label = "funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation

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
        # Hours that parties deliver outside the platform, typed in by the coordinator.
        delivery.register_delivered_hours(delivery.manual_delivered_hours)
        checks.register(volumes_have_sources)
