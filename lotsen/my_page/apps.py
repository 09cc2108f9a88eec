from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyPageConfig(AppConfig):
    name = "lotsen.my_page"
    label = "my_page"
    verbose_name = _("My page")

    def ready(self) -> None:
        from lotsen.federation import oidc

        from .services import participant_sign_in_link

        # The federation below links staff by their address; a participant's login it
        # hands to this app, which alone may match a personnummer to a participant.
        oidc.register_participant_linker(participant_sign_in_link)
