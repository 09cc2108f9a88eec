"""Who may see and do what with accounts.

Every app has such a module. Views ask it; they never test roles themselves.
"""

from lotsen.core.access import DENIED, LOGIN, PARTICIPANT, PUBLIC, SIGNED_IN, Rule, only

from .models import Role
from .roles import has_role


def is_coordinator(user) -> bool:
    return has_role(user, Role.COORDINATOR)


NOT_ENROLLED = only()
# Asking the password again needs a password: a participant, who signs in only with
# e-legitimation (decision 0203), is refused by allauth.
WITH_PASSWORD = only(*(persona for persona in SIGNED_IN.ok if persona != PARTICIPANT))

# The expected answer of each URL for each persona (lotsen.core.access). allauth's pages
# keep allauth's names; those for a visitor who is not signed in answer everyone.
ACCESS = {
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": WITH_PASSWORD,
    "account_request_reauthentication_code": WITH_PASSWORD,
    "account_confirm_reauthentication_code": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    # Steps of a sign-in in progress: with none under way, back to the login page.
    "account_confirm_login_code": SIGNED_IN,
    "account_security": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": SIGNED_IN,
    "mfa_reauthenticate": WITH_PASSWORD,
    "mfa_activate_totp": SIGNED_IN,
    # Not found until the user has enrolled an authenticator app and recovery codes.
    "mfa_deactivate_totp": NOT_ENROLLED,
    "mfa_view_recovery_codes": NOT_ENROLLED,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": NOT_ENROLLED,
    "mfa_list_webauthn": SIGNED_IN,
    "mfa_add_webauthn": SIGNED_IN,
    "mfa_reauthenticate_webauthn": WITH_PASSWORD,
    # A passkey of someone else, or of nobody: not found.
    "mfa_remove_webauthn": NOT_ENROLLED,
    "mfa_edit_webauthn": NOT_ENROLLED,
    "socialaccount_login_cancelled": PUBLIC,
    # An error page, answered 401.
    "socialaccount_login_error": Rule(anonymous=DENIED),
    # Never opened: a federated login is linked, never signed up (decision 0190).
    "socialaccount_signup": Rule(anonymous=LOGIN, others=LOGIN),
    "socialaccount_connections": SIGNED_IN,
    "usersessions_list": SIGNED_IN,
}
