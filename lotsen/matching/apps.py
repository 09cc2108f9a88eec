from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "lotsen.matching"
    label = "matching"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        navigation.register(
            navigation.NavItem(
                _("Matching"),
                "matching:index",
                policies.can_match,
                order=315,
                area=navigation.PILOT_FUNCTION,
            )
        )
