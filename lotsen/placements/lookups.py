"""Look-ups by personnummer: counted, audited, and silent about other parties' cases.

A form that says whether a number is registered is an oracle: whoever may use it
can test any number. So every look-up a user makes (registering, converting a
support request, changing an identity, searching by number) goes through
`identity_number_look_up`, which
- counts it against the user's limit, IDENTITY_LOOKUP_LIMIT look-ups per
  IDENTITY_LOOKUP_WINDOW_SECONDS, in the cache; beyond it the look-up is refused
  with a form error and the refusal is audited;
- records an audit event, with the participant found or with none.
A person already registered outside the user's scope is refused without a code:
the coordinator is e-mailed and links them (decision 0170).
"""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record

from . import identity
from .models import Participant, ParticipantIdentity

IDENTITY_OBJECT_TYPE = ParticipantIdentity._meta.label_lower


def _within_limit(actor) -> bool:
    """Count one look-up in the actor's current window; False once past the limit."""
    window = settings.IDENTITY_LOOKUP_WINDOW_SECONDS
    start = int(timezone.now().timestamp()) // window
    key = f"identity-lookups:{actor.pk}:{start}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window expired between add and incr: this look-up opens a new one.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.IDENTITY_LOOKUP_LIMIT


def identity_number_look_up(
    *, actor, number: identity.IdentityNumber, purpose: str
) -> Participant | None:
    """The participant with this number, if any: counted against the limit and audited."""
    if not _within_limit(actor):
        audit_event_record(
            actor=actor,
            action=AuditEvent.Action.DENIED,
            object_type=IDENTITY_OBJECT_TYPE,
            reason=f"look-up by personnummer over the limit ({purpose})",
        )
        raise ValidationError(
            _(
                "You have made too many look-ups by personnummer in a short time. "
                "Wait %(minutes)s minutes and try again."
            ),
            code="identity_lookup_limit",
            params={"minutes": settings.IDENTITY_LOOKUP_WINDOW_SECONDS // 60},
        )
    found = Participant.objects.with_identity_number(number).first()
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.VIEW,
        target=found,
        object_type="" if found else IDENTITY_OBJECT_TYPE,
        label=found.code if found else "",
        reason=(
            f"look-up by personnummer ({purpose}): match"
            if found
            else f"look-up by personnummer ({purpose}): no match"
        ),
    )
    return found


def duplicate_error(actor, existing: Participant) -> ValidationError:
    """The refusal of a person already registered; the code only to those who see them."""
    if Participant.objects.visible_to(actor).filter(pk=existing.pk).exists():
        return ValidationError(
            _("This person is already registered as %(code)s."),
            code="duplicate_participant",
            params={"code": existing.code},
        )
    return ValidationError(
        _(
            "This person is already registered in the pilot function. "
            "The coordinator has been told and will link them to your referral."
        ),
        code="duplicate_participant_elsewhere",
    )


def identity_number_check_free(
    *,
    actor,
    number: identity.IdentityNumber,
    purpose: str,
    party=None,
    participant: Participant | None = None,
) -> None:
    """Look the number up and refuse it if someone other than `participant` has it.

    A duplicate outside the actor's scope is e-mailed to the coordinator, once the
    audit event of the look-up is saved.
    """
    found = identity_number_look_up(actor=actor, number=number, purpose=purpose)
    if found is None or (participant is not None and found.pk == participant.pk):
        return
    error = duplicate_error(actor, found)
    if error.code == "duplicate_participant_elsewhere":
        from .tasks import notify_duplicate_registration

        party_name = str(party) if party is not None else ""
        transaction.on_commit(
            lambda: notify_duplicate_registration.enqueue(found.pk, actor.pk, party_name)
        )
    raise error
