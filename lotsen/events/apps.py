from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "lotsen.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation

        # The public "Events" entry is core's, pointing at events:calendar.
        from . import policies
        from .inbox import attendance_to_mark

        navigation.register(
            navigation.NavItem(
                _("My events"),
                "events:manage",
                policies.can_organise_events,
                order=31,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("Event turnout"),
                "events:turnout",
                policies.can_view_turnout,
                order=32,
                area=navigation.DIALOGUE,
            ),
        )
        inbox.register(attendance_to_mark)
