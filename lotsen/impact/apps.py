from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "lotsen.impact"
    label = "impact"
    verbose_name = _("Effect measurement")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        navigation.register(
            navigation.NavItem(
                _("Effect measurement"), "impact:dashboard", policies.may_view_dashboard, 700
            ),
            navigation.NavItem(
                _("Statistics"), "statistics:page", navigation.everyone, 48, public=True
            ),
        )
