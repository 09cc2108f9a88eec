from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    name = "lotsen.procurement"
    verbose_name = _("Sales and procurement")

    def ready(self) -> None:
        from lotsen.core import navigation

        from .policies.matching import can_save_searches
        from .policies.publishing import can_list_own

        navigation.register(
            navigation.NavItem(
                _("Procurement"),
                "procurement:list",
                navigation.everyone,
                order=25,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("My business opportunities"),
                "procurement:mine",
                can_list_own,
                order=26,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("Opportunities for us"),
                "procurement:for_us",
                can_save_searches,
                order=27,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("Alerts"),
                "procurement:alerts",
                can_save_searches,
                order=28,
                area=navigation.DIALOGUE,
            ),
        )
