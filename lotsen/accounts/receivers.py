"""What happens around signing in: the session clock, the sign-in mail, a fresh factor."""

from allauth.account.adapter import get_adapter
from allauth.account.signals import user_logged_in as signed_in_through_allauth
from allauth.mfa.signals import authenticator_added
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .middleware import start_session_clock
from .second_factor import record_second_factor


@receiver(user_logged_in, dispatch_uid="lotsen_session_clock")
def session_clock_starts(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        start_session_clock(request)


def mail_about_sign_in(request, user) -> None:
    """Every new sign-in is told to the account's owner, who can react if it was not them.

    allauth's sign-ins (password, OIDC) send it through its signal; a SAML sign-in, which
    bypasses allauth, calls this itself.
    """
    get_adapter(request).send_notification_mail("account/email/signed_in", user)


@receiver(signed_in_through_allauth, dispatch_uid="lotsen_sign_in_mail")
def allauth_sign_in_mailed(sender, request, user, **kwargs):
    mail_about_sign_in(request, user)


@receiver(authenticator_added, dispatch_uid="lotsen_enrolled_factor_counts")
def enrolment_proves_the_factor(sender, request, user, authenticator, **kwargs):
    """Entering a valid code to enrol proves the factor for this session, as signing in would."""
    record_second_factor(request, user, authenticator.type)
