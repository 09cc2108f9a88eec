from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocioeconomicsConfig(AppConfig):
    name = "lotsen.socioeconomics"
    label = "socioeconomics"
    verbose_name = _("Socio-economic estimate")

    def ready(self) -> None:
        from lotsen.core import navigation

        from . import policies

        # Ordered right after the impact section's own entry, which it belongs to.
        navigation.register(
            navigation.NavItem(
                _("Socio-economic estimate"),
                "socioeconomics:method",
                policies.can_read,
                order=705,
                area=navigation.FOLLOW_UP,
            )
        )
