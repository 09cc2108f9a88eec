"""Who must pass a second factor, and whether this session has passed one (decision 0188).

A session's sign-in steps are allauth's authentication records: "password", "mfa" (a
code from an authenticator app, a passkey or a recovery code), and "federation" for a
sign-in at an organisation's identity provider, whose assurance level may count as the
second factor. Nothing else in Lotsen reads or writes those records.
"""

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.db import transaction

from lotsen.core import encryption

from .models import Role
from .roles import has_role

# The roles that can see a person: coordinator, caseworker, the enterprise users who see
# their placed participants, and the administrator.
ROLES_SEEING_PEOPLE = (Role.COORDINATOR, Role.CASEWORKER, Role.ENTERPRISE, Role.ADMIN)
SECOND_FACTOR_METHOD = "mfa"
FEDERATION_METHOD = "federation"


def sees_people(user) -> bool:
    return has_role(user, *ROLES_SEEING_PEOPLE)


def is_required(user, *, on_admin_site: bool = False) -> bool:
    """Roles that see people must pass a second factor; so must everyone on the admin site."""
    return on_admin_site or sees_people(user)


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=(Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
    ).exists()


def has_second_factor(request, user=None) -> bool:
    """Has this session passed a second factor since `user` (the signed-in user) began?"""
    return any(
        record.get("method") == SECOND_FACTOR_METHOD or record.get("second_factor")
        for record in get_authentication_records(request, user or request.user)
    )


def steps_since(request, seconds_ago: float, now: float) -> set[str]:
    """Which kinds of step ("first", "second") the session passed in the last seconds."""
    steps = set()
    for record in get_authentication_records(request, request.user):
        if record.get("at", 0) < now - seconds_ago:
            continue
        if record.get("method") == SECOND_FACTOR_METHOD or record.get("second_factor"):
            steps.add("second")
        if record.get("method") != SECOND_FACTOR_METHOD:
            steps.add("first")
    return steps


def record_federated_login(
    request, *, provider: str, level: str, second_factor: bool, user=None
) -> None:
    """Note that the user signed in at `provider` with assurance `level`.

    `second_factor` says whether that level counts as the second factor for this
    provider (configured per provider); without it, a role that sees people is asked for
    its own second factor next. `user` is the request's user unless given: an OIDC login
    is recorded before allauth's stages, while the request's user is still anonymous.
    """
    record_authentication(
        request,
        user or request.user,
        method=FEDERATION_METHOD,
        provider=provider,
        level=level,
        second_factor=second_factor,
    )


def federated_login(request) -> dict:
    """The session's latest sign-in at an identity provider: its `provider` and assurance
    `level`, as recorded; empty when the session did not begin there."""
    for record in reversed(get_authentication_records(request, request.user)):
        if record.get("method") == FEDERATION_METHOD:
            return record
    return {}


def record_second_factor(request, user, kind: str) -> None:
    """Note that the user just proved a second factor (`kind`: totp, webauthn…)."""
    record_authentication(request, user, method=SECOND_FACTOR_METHOD, type=kind)


# The encrypted part of each kind of authenticator's data.
ENCRYPTED_FIELD = {Authenticator.Type.TOTP: "secret", Authenticator.Type.RECOVERY_CODES: "seed"}


def rotate_authenticator_secrets() -> int:
    """Re-encrypt the secrets of authenticator apps and recovery codes with the newest key."""
    count = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().filter(
            type__in=ENCRYPTED_FIELD
        ):
            field = ENCRYPTED_FIELD[authenticator.type]
            authenticator.data[field] = encryption.rotate(authenticator.data[field])
            authenticator.save(update_fields=["data"])
            count += 1
    return count
