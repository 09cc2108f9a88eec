"""How django-allauth signs people in to Lotsen (decision 0188)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from lotsen.core import encryption

from .reauthentication import password_step_is_fresh

ALLAUTH_SECOND_FACTOR_STAGE = "allauth.mfa.stages.AuthenticateStage"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Accounts are made by a coordinator or an administrator, never by signing up."""
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """A sign-in in the last minutes counts as the password asked again.

        So a user sent to enrol an authenticator right after signing in is not asked
        for the password a second time; later, allauth asks as usual.
        """
        if self.request is not None and password_step_is_fresh(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def add_message(self, request, level, message_template=None, *args, **kwargs):
        """No "signed in as" banner: the overview the user lands on says who they are."""
        if message_template == "account/messages/logged_in.txt":
            return
        super().add_message(request, level, message_template, *args, **kwargs)

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with a second-factor step that honours a federated assurance."""
        return [
            "lotsen.accounts.stages.SecondFactorStage"
            if stage == ALLAUTH_SECOND_FACTOR_STAGE
            else stage
            for stage in super().get_login_stages()
        ]


class SecondFactorAdapter(DefaultMFAAdapter):
    """Secrets of authenticator apps and recovery codes are encrypted like identities."""

    def encrypt(self, text: str) -> str:
        return encryption.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return encryption.decrypt(encrypted_text)
