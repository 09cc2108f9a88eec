"""A federated login accepted or refused: the session's record and the audit trail."""

from lotsen.accounts.second_factor import record_federated_login
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record


def federated_login_accept(
    *, request, user, provider: str, level: str, accepted_levels: list[str]
) -> bool:
    """Record that `user` signed in at `provider`; return whether the assurance `level`
    counts as the second factor."""
    second_factor = bool(level) and level in accepted_levels
    record_federated_login(
        request, provider=provider, level=level, second_factor=second_factor, user=user
    )
    audit_event_record(
        actor=user,
        action=AuditEvent.Action.SIGN_IN,
        target=user,
        label=provider,
        reason=(
            "single sign-on with assurance counted as second factor"
            if second_factor
            else "single sign-on without an accepted assurance level"
        ),
    )
    return second_factor


def federated_login_refuse(*, provider: str, reason: str) -> None:
    audit_event_record(
        actor=None,
        action=AuditEvent.Action.DENIED,
        object_type="federation.provider",
        label=provider,
        reason=reason,
    )
