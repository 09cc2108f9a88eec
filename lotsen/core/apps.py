from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lotsen.core"
    label = "core"
    verbose_name = _("Reference data")

    def ready(self) -> None:
        from . import navigation
        from .navigation import NavItem, everyone

        navigation.register(
            NavItem(_("Start"), "core:home", everyone, order=10, public=True),
            NavItem(_("Social enterprises"), "directory:list", everyone, order=20, public=True),
            NavItem(_("Events"), "events:calendar", everyone, order=30, public=True),
            NavItem(_("Knowledge"), "knowledge:list", everyone, order=40, public=True),
            NavItem(_("Contact"), "support:contact", everyone, order=50, public=True),
            NavItem(
                _("My overview"), "core:dashboard", lambda user: user.is_authenticated, order=110
            ),
        )
