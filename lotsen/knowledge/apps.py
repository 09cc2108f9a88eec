from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "lotsen.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge node")

    def ready(self) -> None:
        from lotsen.core import inbox

        from .inbox import draft_resources

        inbox.register(draft_resources)
