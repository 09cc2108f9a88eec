"""The pilot function (lotsfunktionen): openings, participants, referrals, placements and
their follow-up, one module each; every name is importable from here.
"""

from .choices import (
    OUTCOME_GROUPS,
    Adaptation,
    Education,
    Gender,
    IncomeSource,
    Language,
    Outcome,
    OutcomeGroup,
    SupportDuration,
    coded_labels,
    outcome_group,
)
from .followup import (
    FollowUp,
    OutcomeCheck,
    OutcomeCheckQuerySet,
    ProgressDimension,
    ProgressRating,
    ProgressSeries,
    ProgressSeriesManager,
    ProgressSeriesQuerySet,
)
from .openings import Opening, OpeningQuerySet, Supervisor
from .participants import (
    CODE_PREFIX,
    Participant,
    ParticipantIdentity,
    ParticipantQuerySet,
    RetentionPurge,
    new_participant_code,
)
from .referrals import (
    ParticipantApproval,
    PipelineNotice,
    Placement,
    PlacementAgreement,
    PlacementQuerySet,
    Referral,
    ReferralQuerySet,
)

__all__ = [
    "CODE_PREFIX",
    "OUTCOME_GROUPS",
    "Adaptation",
    "Education",
    "FollowUp",
    "Gender",
    "IncomeSource",
    "Language",
    "Opening",
    "OpeningQuerySet",
    "Outcome",
    "OutcomeCheck",
    "OutcomeCheckQuerySet",
    "OutcomeGroup",
    "Participant",
    "ParticipantApproval",
    "ParticipantIdentity",
    "ParticipantQuerySet",
    "PipelineNotice",
    "Placement",
    "PlacementAgreement",
    "PlacementQuerySet",
    "ProgressDimension",
    "ProgressRating",
    "ProgressSeries",
    "ProgressSeriesManager",
    "ProgressSeriesQuerySet",
    "Referral",
    "ReferralQuerySet",
    "RetentionPurge",
    "Supervisor",
    "SupportDuration",
    "coded_labels",
    "new_participant_code",
    "outcome_group",
]
