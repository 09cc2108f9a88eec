"""Whether the session has passed a second factor.

A sign-in at an identity provider whose assurance level the provider's settings accept
counts as one (decision 0190); so does the TOTP step of the login.
"""

# allauth's record of the session's authentication steps (its "mfa" step is the TOTP code).
AUTHENTICATION_METHODS_SESSION_KEY = "account_authentication_methods"
# Kept apart from allauth's records until the login, which only keeps records of the
# user it logs in: an OIDC login is recorded before the user is known to the session.
FEDERATED_LOGIN_SESSION_KEY = "lotsen_federated_login"


def record_federated_login(request, *, provider: str, level: str, second_factor: bool) -> None:
    """Note that the user authenticated at `provider` with assurance `level`."""
    request.session[FEDERATED_LOGIN_SESSION_KEY] = {
        "method": "federation",
        "provider": provider,
        "level": level,
        "second_factor": second_factor,
    }


def has_second_factor(request) -> bool:
    federated = request.session.get(FEDERATED_LOGIN_SESSION_KEY) or {}
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY) or []
    return bool(federated.get("second_factor")) or any(
        record.get("method") == "mfa" for record in records
    )
