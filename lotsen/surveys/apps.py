from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "lotsen.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from lotsen.core import inbox, navigation

        from . import policies
        from .inbox import closing_surveys, surveys_awaiting

        navigation.register(
            navigation.NavItem(
                _("Surveys"),
                "surveys:list",
                policies.can_view_list,
                order=400,
                area=navigation.DIALOGUE,
            ),
            navigation.NavItem(
                _("Needs"),
                "surveys:needs",
                policies.can_view_results,
                order=410,
                area=navigation.DIALOGUE,
            ),
        )
        inbox.register(closing_surveys)
        inbox.register(surveys_awaiting)
