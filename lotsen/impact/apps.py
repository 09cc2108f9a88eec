from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "lotsen.impact"
    label = "impact"
    verbose_name = _("Effect measurement")

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from lotsen.core import navigation

        from . import policies, stored

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(stored.data_changed, dispatch_uid=f"impact-data-changed-{signal}")

        navigation.register(
            navigation.NavItem(
                _("Effect measurement"),
                "impact:dashboard",
                policies.may_view_dashboard,
                order=700,
                area=navigation.FOLLOW_UP,
            ),
            navigation.NavItem(
                _("Statistics"),
                "statistics:page",
                navigation.everyone,
                order=48,
                area=navigation.FOLLOW_UP,
            ),
        )
