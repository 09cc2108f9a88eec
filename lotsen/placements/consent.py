"""What a participant's consent covers: one rule for every use of their data.

A consenting participant chooses one of two scopes, in the study's words: registration,
matching and placement; or that and follow-up after exit. Each use of their data needs
a scope that covers it (``COVERED_BY``), and the consent must still hold: a withdrawn
consent covers nothing, and neither does an anonymous registration.

Code that schedules, sends or shows something about a participant asks
``Participant.consents_to(use)``; a query filters with ``consenting_to(use, path)``;
a page that leaves something out says why with ``Participant.consent_gap(use)``
(decision 0145).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What the participant consented to when they were registered."""

    PLACEMENT = "placement", _("Registration, matching and placement")
    PLACEMENT_AND_FOLLOW_UP = (
        "placement_follow_up",
        _("Registration, matching, placement and follow-up after exit"),
    )


class Use(models.TextChoices):
    """A use of a participant's data; the label completes "has not consented to …"."""

    PLACEMENT = "placement", _("registration, matching and placement")
    FOLLOW_UP = "follow_up", _("follow-up during the work training")
    OUTCOME_CHECK = "outcome_check", _("follow-up after exit")
    SURVEY = "survey", _("surveys")
    IDENTIFIED_DOCUMENT = "identified_document", _("documents that carry their name")


EVERY_SCOPE = frozenset(Scope)
# Follow-ups during the training are part of the placement the participant agreed to;
# whatever reaches them or is asked about them after exit is follow-up after exit.
COVERED_BY: dict[Use, frozenset[Scope]] = {
    Use.PLACEMENT: EVERY_SCOPE,
    Use.FOLLOW_UP: EVERY_SCOPE,
    Use.IDENTIFIED_DOCUMENT: EVERY_SCOPE,
    Use.OUTCOME_CHECK: frozenset({Scope.PLACEMENT_AND_FOLLOW_UP}),
    Use.SURVEY: frozenset({Scope.PLACEMENT_AND_FOLLOW_UP}),
}

# What is left undone, said before the reason on a page.
NOT_DONE = {
    Use.PLACEMENT: _("The participant cannot be matched or placed"),
    Use.FOLLOW_UP: _("Follow-ups are not planned or recorded"),
    Use.OUTCOME_CHECK: _("Follow-up 6 and 12 months after exit is not planned"),
    Use.SURVEY: _("No survey is sent to the participant"),
    Use.IDENTIFIED_DOCUMENT: _("Documents show the participant's code, not their name"),
}


def covers(scope: str, use: Use) -> bool:
    """Whether a consent held in `scope` covers `use`."""
    return scope in COVERED_BY[use]


def consenting_to(use: Use, path: str = "") -> Q:
    """The condition of `covers` in a query; `path` leads to the participant, if anywhere."""
    prefix = f"{path}__" if path else ""
    return Q(
        **{
            f"{prefix}consent_given": True,
            f"{prefix}consent_withdrawn_on__isnull": True,
            f"{prefix}consent_scope__in": sorted(COVERED_BY[use]),
        }
    )
