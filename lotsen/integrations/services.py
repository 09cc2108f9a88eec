"""Workflows of partner systems: keys, the service identity, referrals sent by a system."""

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.accounts.models import Membership, Role, User
from lotsen.audit.models import AuditEvent
from lotsen.audit.services import audit_event_record
from lotsen.organisations.models import Organisation
from lotsen.placements import identity, lookups
from lotsen.placements import services as placements
from lotsen.placements.models import Participant, Referral

from . import keys
from .models import ApiKey, IdempotentWrite, ServiceIdentity

# last_used_at is a guide for the keys page, not an audit record (the audit trail is):
# written at most this often, so a busy system does not write on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


@transaction.atomic
def service_identity_for(*, organisation: Organisation) -> ServiceIdentity:
    """The party's service identity, made with its first key: a caseworker who cannot sign in.

    Inactive, with no usable password: no sign-in page lets it in, and nothing that lists
    active caseworkers (a converted support request's receivers) offers it.
    """
    if organisation.kind != Organisation.Kind.PARTY:
        raise ValidationError(
            _("Only a party of the coordination association sends referrals."), code="not_party"
        )
    found = ServiceIdentity.objects.select_related("user").filter(organisation=organisation)
    if found:
        return found[0]
    user = User.objects.create_user(
        f"partner-system-{organisation.pk}@lotsen.invalid",
        None,
        full_name=f"{organisation.name} API",
        is_active=False,
    )
    Membership.objects.create(user=user, organisation=organisation, role=Role.CASEWORKER)
    return ServiceIdentity.objects.create(organisation=organisation, user=user)


@transaction.atomic
def api_key_create(
    *, actor, organisation: Organisation, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiKey, str]:
    """A new key for the party's systems, and its secret, which is never shown again."""
    service = service_identity_for(organisation=organisation)
    new = keys.secret_new()
    key = ApiKey.objects.create(
        identity=service,
        name=name,
        prefix=new.prefix,
        secret_hash=new.hash,
        created_by=actor,
        expires_at=expires_at,
    )
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        target=key,
        label=f"{organisation.name}: {key.prefix}",
        reason="API key created",
    )
    return key, new.secret


@transaction.atomic
def api_key_revoke(*, actor, key: ApiKey) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is not None:
        raise ValidationError(_("The key is already revoked."), code="already_revoked")
    key.revoked_at = timezone.now()
    key.revoked_by = actor
    key.save(update_fields=["revoked_at", "revoked_by"])
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        target=key,
        label=f"{key.identity.organisation.name}: {key.prefix}",
        reason="API key revoked",
    )
    return key


def api_key_authenticate(secret: str) -> ApiKey | None:
    """The usable key whose secret this is, or None; notes when it was last used."""
    prefix = keys.prefix_of(secret)
    if prefix is None:
        return None
    now = timezone.now()
    found = (
        ApiKey.objects.usable(now)
        .select_related("identity__organisation", "identity__user")
        .filter(prefix=prefix)
    )
    key = found[0] if found else None
    if key is None or not keys.secret_matches(secret, key.secret_hash):
        return None
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
    return key


# What the caseworker's registration asks of a new participant besides identity.
NEEDED_TO_REGISTER = ("gender", "municipality", "consent_scope", "consent_date")


def referral_send(
    *,
    identity_of_system: ServiceIdentity,
    number: identity.IdentityNumber,
    name: str,
    phone: str,
    email: str,
    participant: Participant,
    reason: str,
    caseworker: User | None = None,
) -> Referral:
    """Refer a person as the party's caseworker would: a new episode of a participant the
    party already sees, or a registration with consent and the first referral.

    The same look-up, limits and refusals as the caseworker's registration: a person
    registered outside the party's scope is refused without a code, and the coordinator
    is told (lotsen.placements.lookups). ``caseworker``, an active caseworker of the
    party, is responsible for the referral; without one the party's service identity is
    its caseworker of record and the placement's e-mails go to the party's caseworkers
    (decision 0209).
    """
    actor = identity_of_system.user
    party = identity_of_system.organisation
    try:
        lookups.identity_number_check_free(
            actor=actor, number=number, purpose="registration", party=party
        )
    except ValidationError as error:
        if error.code != "duplicate_participant":
            raise
        known = Participant.objects.visible_to(actor).get(code=error.params["code"])
        return placements.referral_create(
            actor=actor, participant=known, party=party, reason=reason, caseworker=caseworker
        )
    missing = {
        field: ValidationError(
            _("Needed to register a person who is new to Lotsen."), code="required_when_new"
        )
        for field in NEEDED_TO_REGISTER
        if not getattr(participant, field)
    }
    if missing:
        raise ValidationError(missing)
    registered = placements.participant_register(
        actor=actor,
        party=party,
        participant=participant,
        name=name,
        number=number,
        phone=phone,
        email=email,
        reason=reason,
        caseworker=caseworker,
    )
    return registered.referrals.get()


# ---------------------------------------------------------------- idempotent writes


def request_fingerprint(method: str, path: str, data) -> str:
    """The same request, whatever the order of its keys or its white space."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode()).hexdigest()


def idempotency_cutoff() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)


def idempotent_write_find(
    *, identity_of_system: ServiceIdentity, key: str
) -> IdempotentWrite | None:
    """The stored answer for this key, if any.

    Locks the service identity until the asking write commits: two writes of one party
    with the same key run one after the other, and the second finds the first's answer.
    """
    ServiceIdentity.objects.select_for_update().values_list("pk", flat=True).get(
        pk=identity_of_system.pk
    )
    return (
        IdempotentWrite.objects.select_for_update()
        .filter(identity=identity_of_system, key=key, created_at__gt=idempotency_cutoff())
        .first()
    )


def idempotent_write_store(
    *,
    identity_of_system: ServiceIdentity,
    key: str,
    fingerprint: str,
    status_code: int,
    body,
    location: str = "",
) -> IdempotentWrite:
    # An expired record of the same key gives way to the new one.
    IdempotentWrite.objects.filter(
        identity=identity_of_system, key=key, created_at__lte=idempotency_cutoff()
    ).delete()
    return IdempotentWrite.objects.create(
        identity=identity_of_system,
        key=key,
        fingerprint=fingerprint,
        status_code=status_code,
        response_body=body,
        location=location,
    )


def idempotent_writes_purge() -> int:
    """Delete the stored answers older than IDEMPOTENCY_KEY_HOURS; the number deleted."""
    deleted, _by_model = IdempotentWrite.objects.filter(
        created_at__lte=idempotency_cutoff()
    ).delete()
    return deleted
