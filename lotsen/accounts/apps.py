from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "lotsen.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from lotsen.core import navigation
        from lotsen.core.roles import can_use_admin

        from . import policies, receivers  # noqa: F401 (connects the receivers)

        navigation.register(
            navigation.NavItem(
                _("System administration"),
                "admin:index",
                can_use_admin,
                order=900,
                area=navigation.ADMINISTRATION,
            )
        )
