from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "lotsen.support"
    label = "support"
    verbose_name = _("Support")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation

        from . import policies
        from .inbox import support_sections

        support = navigation.SUPPORT
        navigation.register(
            navigation.NavItem(
                _("Support offers"),
                "support:catalogue",
                navigation.everyone,
                order=45,
                area=support,
            ),
            navigation.NavItem(
                _("Requests"),
                "support:request_list",
                policies.can_list_requests,
                order=130,
                area=support,
            ),
            navigation.NavItem(
                _("Time bank"),
                "support:timebank",
                policies.can_view_time_bank,
                order=140,
                area=support,
            ),
            navigation.NavItem(
                _("Mentors"),
                "support:mentor_list",
                policies.can_list_mentors,
                order=150,
                area=support,
            ),
        )
        inbox.register(support_sections)
