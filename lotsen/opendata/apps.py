from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "lotsen.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        from lotsen.core import navigation

        navigation.register(
            navigation.NavItem(
                _("Open data"),
                "opendata:index",
                navigation.everyone,
                order=49,
                area=navigation.FOLLOW_UP,
            )
        )
