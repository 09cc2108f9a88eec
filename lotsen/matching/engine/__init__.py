"""The matching engine: explained, ranked suggestions and an optimal batch assignment.

Plain Python, NumPy and SciPy; nothing here imports Django. The matching app loads
candidates from the database, turns them into the dataclasses below and renders what
comes back. Wording stays out of the engine: every rule, score part and notice is a
code (``Rule``, ``Part``, ``Notice``, ``MatchingError.code``) for the app to translate.

``contract`` holds the dataclasses and codes below, ``evaluation`` the hard rules and
score parts over arrays of many pairs, ``explanations`` the explanation of one pair and
``matcher`` the ``Matcher`` that answers the questions.

Data contract
=============

``Participant`` — one person waiting for matching.
    ``id``: the participant's primary key.
    ``lat``/``lon``: degrees (WGS 84) of the home address, or of the home
    municipality's centroid when there is no address; both ``None`` when neither is
    known. Such a participant is matched without the distance rule and the travel score,
    and every suggestion for them carries ``Notice.LOCATION_UNKNOWN``.
    ``hours_min``/``hours_max``: the hours per week the person can work, as a range;
    one exact figure is given as ``hours_min == hours_max``.
    ``needed_adaptations``: adaptation codes (the coded list shared with openings).
    ``languages``: language codes (ISO 639-1) the person speaks;
    ``needs_common_language``: whether a language in common with the workplace is
    required.
    ``has_car``: the person has both a driving licence and a car at their disposal.
    ``max_travel_km``: how far the person can travel one way, straight-line km;
    ``None`` when no limit was stated.
    ``interest_sni``/``interest_ssyk``: interests as SNI 2007 / SSYK 2012 codes at any
    level of the hierarchy.
    ``preferred_municipalities``: municipality codes (SCB, four digits) the person would
    rather work in; ``preferred_sni``: industries (SNI codes) they asked for.

``Opening`` — one work-training place (arbetsträningsplats).
    ``id``, ``enterprise_id``: primary keys.
    ``lat``/``lon``: the workplace address, or its municipality's centroid (``None``
    only if neither is known: such pairs are treated as a participant without location).
    ``municipality_code``: SCB code of the workplace's municipality.
    ``hours_min``/``hours_max``: the hours per week the place offers.
    ``capacity_left``: participants it can still take (capacity minus proposed, agreed
    and active placements).
    ``is_open``: status is open (not paused or closed).
    ``adaptations``, ``languages``: codes available at the workplace.
    ``public_transport``: reachable by public transport.
    ``supervisor_trained``: a supervisor (handledare) has taken supervisor training.
    ``sni``/``ssyk``: the opening's industry and occupation codes.
    ``enterprise_placements``: current (agreed or active) placements at the whole
    enterprise; used to spread trainees between enterprises.

``Weights`` — the coordinator's weights of the five score parts; refused with a
``WeightsError`` when one is negative or not a number, or all are zero.

Hard rules (all must pass; ``Rule``)
    open; capacity left ≥ 1; hour ranges overlap; every needed adaptation available;
    haversine distance ≤ ``max_travel_km`` (not applicable without coordinates or
    without a limit); a car, or an opening reachable by public transport; a language in
    common when needed.

Soft score in [0, 1] (``Part``)
    interest (closeness of SNI and SSYK codes, see ``codes``; the mean over the kinds of
    interest the participant stated), travel (1 − distance / the participant's limit, or
    / ``TRAVEL_HORIZON_KM`` without a limit), trained supervisor (1 or 0), preferences
    (share of the stated kinds met: municipality, industry), fairness
    (1 / (1 + enterprise placements)). The score is the weighted mean over the parts
    that apply to the pair; a part that does not apply (no interests stated, no
    location, no preferences) drops out with its weight instead of counting as 0.

Results
    ``Matcher.suggest_openings`` / ``suggest_participants`` → ranked ``Suggestion``s
    (best first, ties by id), each with an ``Explanation``: every rule as a
    ``RuleCheck`` and every part as a ``ScorePart`` with value, weight and contribution,
    plus ``notices``. ``Matcher.explain`` explains any pair, failed rules included.
    ``Matcher.assign`` → ``BatchResult`` (optimal, or greedy for comparison).
    Every detail value is JSON-serialisable, so an explanation can be stored as is.

Cost
    Building a ``Matcher`` is linear Python work (about half a second for 5,000
    participants and 22,000 openings); each question after that is vectorised NumPy
    (milliseconds). The batch over the whole country (3 million feasible pairs) takes
    about 2.5 s of processor time: the table of pairs is screened by the cheap rules and
    a bound on the distance before the exact distance and the score (decision 0201).
    Build one over all waiting participants and open openings, reuse it for suggestions
    both ways and the batch, and rebuild when the data changes.
    Set fields accept lists and tuple fields accept lists, as querysets give them.
"""

from .contract import (
    BatchResult,
    Explanation,
    MatchingError,
    Notice,
    Opening,
    Part,
    Participant,
    Rule,
    RuleCheck,
    ScorePart,
    Status,
    Suggestion,
    Weights,
    WeightsError,
)
from .evaluation import great_circle_km, unit_vectors
from .matcher import Matcher

__all__ = [
    "BatchResult",
    "Explanation",
    "Matcher",
    "MatchingError",
    "Notice",
    "Opening",
    "Part",
    "Participant",
    "Rule",
    "RuleCheck",
    "ScorePart",
    "Status",
    "Suggestion",
    "Weights",
    "WeightsError",
    "great_circle_km",
    "unit_vectors",
]
