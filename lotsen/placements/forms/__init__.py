"""Forms of the pilot function, one module per part of it; every form is importable from
here."""

from .followup import FollowUpForm, OutcomeCheckForm, ReportPeriodForm
from .openings import OpeningFilterForm, OpeningForm, SupervisorForm
from .participants import (
    PLAUSIBLE_AGES,
    AnonymousParticipantForm,
    IdentityForm,
    ParticipantForm,
    ParticipantSearchForm,
    PartyChoiceForm,
    RegistrationForms,
    check_birth_year,
)
from .referrals import (
    AgreementForm,
    DeclineForm,
    EndForm,
    InviteContactForm,
    PaperApprovalForm,
    PhoneAnswerForm,
    PlacementFilterForm,
    ProposeForm,
    ReceivingCaseworkerForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
    StartForm,
    WithdrawForm,
)

__all__ = [
    "PLAUSIBLE_AGES",
    "AgreementForm",
    "AnonymousParticipantForm",
    "DeclineForm",
    "EndForm",
    "FollowUpForm",
    "IdentityForm",
    "InviteContactForm",
    "OpeningFilterForm",
    "OpeningForm",
    "OutcomeCheckForm",
    "PaperApprovalForm",
    "ParticipantForm",
    "ParticipantSearchForm",
    "PartyChoiceForm",
    "PhoneAnswerForm",
    "PlacementFilterForm",
    "ProposeForm",
    "ReceivingCaseworkerForm",
    "ReferralFilterForm",
    "ReferralForm",
    "ReferralStatusForm",
    "RegistrationForms",
    "ReportPeriodForm",
    "StartForm",
    "SupervisorForm",
    "WithdrawForm",
    "check_birth_year",
]
