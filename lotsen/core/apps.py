from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lotsen.core"
    label = "core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from . import navigation
        from .navigation import DIALOGUE, SUPPORT, NavItem, everyone, signed_in, visitor

        # A signed-in user's home is their own overview, a visitor's the public start page.
        navigation.register(
            NavItem(_("Start"), "core:home", visitor, order=10),
            NavItem(_("My overview"), "core:dashboard", signed_in, order=10),
            NavItem(_("Social enterprises"), "directory:list", everyone, 20, area=DIALOGUE),
            NavItem(_("Events"), "events:calendar", everyone, order=30, area=DIALOGUE),
            NavItem(_("Knowledge"), "knowledge:list", everyone, order=40, area=DIALOGUE),
            NavItem(_("Contact"), "support:contact", everyone, order=50, area=SUPPORT),
        )
