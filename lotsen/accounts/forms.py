"""allauth's forms with the field a keyboard user types into first focused."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.mfa.base.forms import AuthenticateForm as AllauthAuthenticateForm
from allauth.mfa.base.forms import ReauthenticateForm as AllauthReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as AllauthActivateTOTPForm
from django.utils.translation import gettext_lazy as _


class FirstFieldFocused:
    first_field: str

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.first_field].widget.attrs["autofocus"] = True


class LoginForm(FirstFieldFocused, AllauthLoginForm):
    first_field = "login"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("E-mail address")
        # allauth puts its reset link in the password's help, between the two fields a
        # keyboard user tabs through; the page has it after the button instead.
        self.fields["password"].help_text = ""


class AuthenticateForm(FirstFieldFocused, AllauthAuthenticateForm):
    first_field = "code"


class ReauthenticateForm(FirstFieldFocused, AllauthReauthenticateForm):
    first_field = "code"


class ActivateTOTPForm(FirstFieldFocused, AllauthActivateTOTPForm):
    first_field = "code"
