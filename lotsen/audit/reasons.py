"""Why an audit event happened, in the reader's language.

The code records a reason in English, and the reason is part of the hash chain, so it
is never rewritten. The review page shows its explanation instead: an exact reason
from `EXPLANATIONS`, or a reason with a variable part from `PATTERNS`, whose coded
value is named by its model's choices. A reason written by a person is shown as it is.
"""

import re
from collections.abc import Callable

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

EXPLANATIONS: dict[str, Promise] = {
    # Pilot function
    "registered with consent": _("registered with consent"),
    "registered anonymously": _("registered anonymously"),
    "identity changed": _("identity changed"),
    "consent withdrawn": _("consent withdrawn"),
    "data-subject export": _("data-subject export"),
    "referral received": _("referral received"),
    "placement proposed": _("placement proposed"),
    "proposal accepted": _("proposal accepted"),
    "proposal declined": _("proposal declined"),
    "agreement drafted": _("agreement drafted"),
    # The participant's approval, the third of the agreement's (decision 0208).
    "agreement approved by participant with e-legitimation": _(
        "agreement approved by the participant with e-legitimation"
    ),
    "agreement approved by participant on paper": _(
        "the participant's approval on paper recorded with the scanned page"
    ),
    "approval scan opened": _("scanned page of a paper approval opened"),
    "placement started": _("placement started"),
    "placement cancelled": _("placement cancelled"),
    "follow-up recorded": _("follow-up recorded"),
    "retention period ended": _("retention period ended"),
    "participant page": _("participant page"),
    "participant page with identity": _("participant page with identity"),
    "participant edit form": _("participant edit form"),
    "participant changed": _("participant changed"),
    "referral page": _("referral page"),
    # Sales and procurement: who asked a question is shown to the buyer only.
    "question asked": _("question asked"),
    "asker shown": _("asker of a question shown"),
    "placement page": _("placement page"),
    "agreement printed": _("agreement printed"),
    # Refused attempts (placements.views.common._visible_or_404)
    "agreement outside the user's scope": _("agreement outside the user's scope"),
    "agreement print outside the user's scope": _("agreement print outside the user's scope"),
    "approval outside the user's scope": _("approval outside the user's scope"),
    "paper approval outside the user's scope": _("paper approval outside the user's scope"),
    "approval scan outside the user's scope": _("approval scan outside the user's scope"),
    "consent withdrawal outside the user's scope": _("consent withdrawal outside the user's scope"),
    "follow-up outside the user's scope": _("follow-up outside the user's scope"),
    "participant edit outside the user's scope": _("participant edit outside the user's scope"),
    "participant page outside the user's scope": _("participant page outside the user's scope"),
    "placement answer outside the user's scope": _("placement answer outside the user's scope"),
    "placement cancel outside the user's scope": _("placement cancel outside the user's scope"),
    "placement end outside the user's scope": _("placement end outside the user's scope"),
    "placement outside the user's scope": _("placement outside the user's scope"),
    "placement start outside the user's scope": _("placement start outside the user's scope"),
    "referral change outside the user's scope": _("referral change outside the user's scope"),
    "referral outside the user's scope": _("referral outside the user's scope"),
    "invitation outside the user's scope": _("invitation outside the user's scope"),
    "phone answer outside the user's scope": _("phone answer outside the user's scope"),
    "withdrawal outside the user's scope": _("withdrawal outside the user's scope"),
    "consent change outside the user's scope": _("consent change outside the user's scope"),
    "consent to follow-up after exit withdrawn": _("consent to follow-up after exit withdrawn"),
    "enterprise contact invited": _("enterprise contact invited"),
    "enterprise's answer taken by phone": _("enterprise's answer taken by phone"),
    # Partner systems (lotsen.integrations): the coordinator's keys, and each call made
    # with one; the event's label names the key's prefix, the method, the path and the
    # answer's status. A refused call (no key, a revoked one, bad input) is kept too.
    "API key created": _("API key created"),
    "API key revoked": _("API key revoked"),
    "partner API call": _("call to the partner API"),
    "partner API call refused": _("call to the partner API refused"),
    "referral read by a partner system": _("referral read by a partner system"),
    # Mina sidor: the participant's own steps, and the sign-ins refused (decision 0203)
    "participant's own page": _("the participant viewed their own page"),
    "participant's own agreement": _("the participant viewed their own agreement"),
    "participant's own consent": _("the participant viewed their own consent"),
    "participant's own access history": _("the participant viewed who has seen their data"),
    "participant's own extract page": _("the participant viewed their register extract page"),
    "participant account made at the first sign-in with e-legitimation": _(
        "participant account made at the first sign-in with e-legitimation"
    ),
    "participant sign-in refused: no participant matches": _(
        "participant sign-in refused: the personnummer matches no participant"
    ),
    "participant sign-in refused: identity erased": _(
        "participant sign-in refused: the participant's identity is erased"
    ),
    "participant sign-in refused: assurance too low": _(
        "participant sign-in refused: the e-legitimation's assurance level is too low"
    ),
    "single sign-on refused: participants cannot sign in": _(
        "single sign-on refused: participants cannot sign in"
    ),
    # Matching
    "matching suggestions": _("matching suggestions"),
    "matching suggestion for a place": _("matching suggestion for a place"),
    "batch assignment shown": _("batch assignment shown"),
    # Events
    "attendance marked": _("attendance marked"),
    "attendee list": _("attendee list"),
    # Support
    "support request received": _("support request received"),
    "support request opened": _("support request opened"),
    "requester's link opened": _("requester's link opened"),
    "attachment opened": _("attachment opened"),
    "message added": _("message added"),
    "converted into a referral": _("converted into a referral"),
    "closed": _("request closed"),
    "mentor matched": _("mentor matched"),
    # Surveys
    "Survey response opened": _("Survey response opened"),
    # Single sign-on (lotsen.federation)
    "single sign-on with assurance counted as second factor": _(
        "single sign-on with assurance counted as second factor"
    ),
    "single sign-on without an accepted assurance level": _(
        "single sign-on without an accepted assurance level"
    ),
    "single sign-on refused: no linked user": _("single sign-on refused: no linked user"),
    "single sign-on refused: identity provider not accepted": _(
        "single sign-on refused: identity provider not accepted"
    ),
    "single sign-on refused: response not valid": _("single sign-on refused: response not valid"),
}


def _choice(model: str, field: str) -> Callable[[str], str]:
    """Name a coded value by the label of a model field's choices, found when first needed."""

    def label(value: str) -> str:
        labels = dict(apps.get_model(model)._meta.get_field(field).choices)
        return str(labels.get(value, value)).lower()

    return label


def _as_is(value: str) -> str:
    return value


# Why a personnummer was looked up (lotsen.placements.lookups).
_LOOK_UP_PURPOSES = {
    "registration": pgettext_lazy("personnummer look-up", "registration"),
    "identity change": pgettext_lazy("personnummer look-up", "identity change"),
    "support request conversion": pgettext_lazy(
        "personnummer look-up", "support request conversion"
    ),
    "participant search": pgettext_lazy("personnummer look-up", "participant search"),
}


def _look_up_purpose(value: str) -> str:
    return str(_LOOK_UP_PURPOSES.get(value, value))


_SIDES = {"enterprise": _("the enterprise"), "referrer": _("the referring party")}

PATTERNS: list[tuple[re.Pattern[str], Promise, Callable[[str], str]]] = [
    (
        re.compile(r"triaged: (?P<value>\w+)"),
        _("triaged: %(value)s"),
        _choice("support.SupportRequest", "outcome"),
    ),
    (
        re.compile(r"status: (?P<value>\w+)"),
        _("status: %(value)s"),
        _choice("support.SupportRequest", "status"),
    ),
    (
        re.compile(r"referral (?P<value>\w+)"),
        _("referral %(value)s"),
        _choice("placements.Referral", "status"),
    ),
    (
        re.compile(r"placement ended: (?P<value>\w+)"),
        _("placement ended: %(value)s"),
        _choice("placements.Placement", "outcome"),
    ),
    (
        re.compile(r"agreement changed: version (?P<value>\d+)"),
        _("agreement changed: version %(value)s, to be approved again by all three parties"),
        _as_is,
    ),
    (
        re.compile(r"agreement approved by (?P<value>\w+)"),
        _("agreement approved by %(value)s"),
        lambda value: str(_SIDES.get(value, value)),
    ),
    (
        re.compile(r"outcome check \+(?P<value>\d+)"),
        _("outcome check after %(value)s months"),
        _as_is,
    ),
    (
        re.compile(
            r"outcome checks (?P<value>[\d, ]+) cancelled: no consent to follow-up after exit"
        ),
        _("outcome checks after %(value)s months cancelled: no consent to follow-up after exit"),
        _as_is,
    ),
    (
        # The reason the coordinator gave, in their own words.
        re.compile(r"proposal withdrawn: (?P<value>.*)", re.DOTALL),
        _("proposal withdrawn: %(value)s"),
        _as_is,
    ),
    (
        re.compile(r"look-up by personnummer \((?P<value>[^)]*)\): match"),
        _("look-up by personnummer (%(value)s): found"),
        _look_up_purpose,
    ),
    (
        re.compile(r"look-up by personnummer \((?P<value>[^)]*)\): no match"),
        _("look-up by personnummer (%(value)s): not found"),
        _look_up_purpose,
    ),
    (
        re.compile(r"look-up by personnummer over the limit \((?P<value>[^)]*)\)"),
        _("look-up by personnummer refused, over the limit (%(value)s)"),
        _look_up_purpose,
    ),
    (
        re.compile(r"list export \((?P<value>\w+)\)"),
        _("list exported as %(value)s"),
        lambda value: value.upper(),
    ),
    (
        re.compile(r"converted from (?P<value>\S+)"),
        _("converted from %(value)s"),
        _as_is,
    ),
    (
        re.compile(r"retention: personal data of (?P<value>\d+) registrations"),
        _("retention: personal data of %(value)s registrations erased"),
        _as_is,
    ),
]


def explain(reason: str) -> str:
    """The reason of an audit event in the active language."""
    if reason in EXPLANATIONS:
        return str(EXPLANATIONS[reason])
    for pattern, text, name_value in PATTERNS:
        found = pattern.fullmatch(reason)
        if found:
            return str(text) % {"value": name_value(found["value"])}
    return reason
