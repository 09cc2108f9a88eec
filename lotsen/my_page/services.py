"""A participant's sign-in with e-legitimation, linked by the keyed personnummer hash.

The broker's personnummer claim is hashed with the identity key and matched exactly, as
registration matches a returning person (`Participant.objects.with_identity_number`);
nothing is decrypted and the number is never stored or logged (decisions 0170, 0203).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotsen.audit.models import AuditEvent
from lotsen.federation.oidc import LoginRefused, ParticipantLogin
from lotsen.placements.identity import IdentityNumber, parse_identity_number
from lotsen.placements.models import Participant
from lotsen.placements.services import audit

from .models import ParticipantAccount

# The address of a participant's user: it must be unique, and it never receives mail.
ACCOUNT_EMAIL = "{code}@deltagare.invalid"


def _no_participant() -> LoginRefused:
    return LoginRefused(
        _(
            "Lotsen has no information about you. Only a person who takes part in work "
            "training through Lotsen can sign in here. If you think this is wrong, ask "
            "your caseworker."
        ),
        "participant sign-in refused: no participant matches",
    )


def _identity_number(claim) -> IdentityNumber | None:
    # The Swedish OIDC profile sends twelve digits; the parser wants the dash as written.
    if not isinstance(claim, str):
        return None
    digits = claim.strip()
    if len(digits) == 12 and digits.isdigit():
        digits = f"{digits[:8]}-{digits[8:]}"
    try:
        return parse_identity_number(digits)
    except ValidationError:
        return None


@transaction.atomic
def participant_sign_in_link(login: ParticipantLogin):
    """The user of the participant this login names; refused with a reason otherwise.

    Checked again at every sign-in, so a participant erased since the last one is let
    in no more. Nothing is changed when the login is refused.
    """
    if login.level not in login.accepted_levels:
        raise LoginRefused(
            _(
                "Your e-legitimation does not give the security Lotsen needs. Sign in "
                "with BankID or Freja eID+ and try again."
            ),
            "participant sign-in refused: assurance too low",
        )
    earlier = getattr(login.earlier_user, "participant_account", None)
    number = _identity_number(login.claims.get(login.link_claim))
    participant = (
        Participant.objects.with_identity_number(number).first() if number is not None else None
    )
    if participant is None:
        if earlier is not None and earlier.participant.identity.erased_at is not None:
            raise LoginRefused(
                _(
                    "Your information in Lotsen has been erased, because the time it may "
                    "be kept has passed or because you withdrew your consent. There is "
                    "nothing to show you."
                ),
                "participant sign-in refused: identity erased",
            )
        raise _no_participant()
    if earlier is not None and earlier.participant_id != participant.pk:
        raise _no_participant()
    account = (
        ParticipantAccount.objects.select_related("user").filter(participant=participant).first()
    )
    if account is None:
        user = get_user_model().objects.create_user(
            ACCOUNT_EMAIL.format(code=participant.code.lower()), password=None
        )
        account = ParticipantAccount.objects.create(user=user, participant=participant)
        audit(
            user,
            AuditEvent.Action.CREATE,
            participant,
            "participant account made at the first sign-in with e-legitimation",
        )
    if not account.user.is_active:
        raise _no_participant()
    return account.user
