from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "lotsen.integrations"
    label = "integrations"
    verbose_name = _("Partner systems")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        navigation.register(
            navigation.NavItem(
                _("Partner API keys"),
                "integrations:key_list",
                policies.can_manage_api_keys,
                order=390,
                area=navigation.ADMINISTRATION,
            ),
        )
