from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "lotsen.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies, receivers  # noqa: F401 (connects the receivers)

        navigation.register(
            navigation.NavItem(
                _("Audit trail"),
                "audit:list",
                policies.can_review,
                order=800,
                area=navigation.ADMINISTRATION,
            )
        )
