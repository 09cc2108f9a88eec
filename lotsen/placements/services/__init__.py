"""Workflows of the pilot function that span several models, each audited; one module per
part of the function, every workflow importable from here."""

from ..models import TransitionError
from .common import audit
from .followup import follow_up_record, outcome_check_record
from .participants import (
    identities_erase_expired,
    identities_rotate_keys,
    identity_retention_cutoff,
    participant_export,
    participant_register,
    participant_register_anonymous,
    participant_update_identity,
    participant_withdraw_consent,
    participant_withdraw_follow_up_consent,
    participants_due_for_erasure,
)
from .referrals import (
    Side,
    agreement_approve,
    agreement_save,
    enterprise_contact_invite,
    placement_accept,
    placement_answer_by_phone,
    placement_cancel,
    placement_decline,
    placement_end,
    placement_propose,
    placement_start,
    placement_withdraw_proposal,
    referral_create,
    referral_open_from_support_request,
    referral_set_status,
    support_request_check_convertible,
)

__all__ = [
    "Side",
    "TransitionError",
    "agreement_approve",
    "agreement_save",
    "audit",
    "enterprise_contact_invite",
    "follow_up_record",
    "identities_erase_expired",
    "identities_rotate_keys",
    "identity_retention_cutoff",
    "outcome_check_record",
    "participant_export",
    "participant_register",
    "participant_register_anonymous",
    "participant_update_identity",
    "participant_withdraw_consent",
    "participant_withdraw_follow_up_consent",
    "participants_due_for_erasure",
    "placement_accept",
    "placement_answer_by_phone",
    "placement_cancel",
    "placement_decline",
    "placement_end",
    "placement_propose",
    "placement_start",
    "placement_withdraw_proposal",
    "referral_create",
    "referral_open_from_support_request",
    "referral_set_status",
    "support_request_check_convertible",
]
