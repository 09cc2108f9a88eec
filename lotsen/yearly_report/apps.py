from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearlyReportConfig(AppConfig):
    name = "lotsen.yearly_report"
    label = "yearly_report"
    verbose_name = _("Yearly report")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        navigation.register(
            navigation.NavItem(
                _("Yearly report"),
                "yearly_report:index",
                policies.may_request_report,
                order=710,
                area=navigation.FOLLOW_UP,
            )
        )
