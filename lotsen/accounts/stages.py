from allauth.mfa.stages import AuthenticateStage

from .second_factor import has_second_factor


class SecondFactorStage(AuthenticateStage):
    """Ask for the second factor unless the sign-in already counts as one.

    A sign-in at an identity provider whose assurance level is accepted as the second
    factor (lotsen.federation) has recorded that before the stages run.
    """

    def _should_handle(self, request) -> bool:
        if self.login.user is not None and has_second_factor(request, self.login.user):
            return False
        return super()._should_handle(request)
