"""Turn the waiting referrals and the open places the user may see into the engine's data.

Six queries whatever the numbers: the referrals in matching (with each participant and
home municipality), the participants' industry interests, their occupation interests,
their preferred municipalities and industries, and the open places with every figure the
engine needs annotated.

The engine's participant id is the referral's primary key: a proposal is made for an
episode (referral), and a person has at most one episode waiting for matching at a time.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from lotsen.core.models import Industry, Municipality, Occupation
from lotsen.placements.consent import Use, consenting_to
from lotsen.placements.models import Language, Opening, Placement, Referral, Supervisor

from . import engine

# Hours the engine assumes when the participant's hours were not recorded: any place fits.
ANY_HOURS = (0.0, 40.0)
WORKING_LANGUAGE = Language.SWEDISH


def waiting_referrals(user):
    """Referrals in matching that could be proposed now: consent held, nothing under way."""
    return (
        Referral.objects.visible_to(user)
        .filter(consenting_to(Use.PLACEMENT, "participant"), status=Referral.Status.MATCHING)
        .exclude(placements__status__in=Placement.CURRENT)
    )


def open_openings(user):
    return Opening.objects.visible_to(user).filter(status=Opening.Status.OPEN)


def _participant(referral: Referral) -> engine.Participant:
    person = referral.participant
    home = person.municipality
    hours = (float(person.hours_per_week),) * 2 if person.hours_per_week is not None else ANY_HOURS
    return engine.Participant(
        id=referral.pk,
        lat=float(home.latitude) if home else None,
        lon=float(home.longitude) if home else None,
        hours_min=hours[0],
        hours_max=hours[1],
        needed_adaptations=person.adaptations_needed,
        languages=person.languages,
        # Someone who does not speak the working language needs one in common.
        needs_common_language=bool(person.languages) and WORKING_LANGUAGE not in person.languages,
        has_car=person.driving_licence and person.has_car,
        max_travel_km=float(person.max_travel_km) if person.max_travel_km is not None else None,
        interest_sni=[industry.code for industry in person.interest_industries.all()],
        interest_ssyk=[occupation.code for occupation in person.interest_occupations.all()],
        preferred_municipalities=[place.code for place in person.preferred_municipalities.all()],
        preferred_sni=[industry.code for industry in person.preferred_industries.all()],
    )


def _opening(opening: Opening) -> engine.Opening:
    exact = opening.latitude is not None and opening.longitude is not None
    lat = opening.latitude if exact else opening.municipality.latitude
    lon = opening.longitude if exact else opening.municipality.longitude
    return engine.Opening(
        id=opening.pk,
        enterprise_id=opening.enterprise_id,
        lat=float(lat),
        lon=float(lon),
        municipality_code=opening.municipality_id,
        hours_min=float(opening.hours_min),
        hours_max=float(opening.hours_max),
        capacity_left=max(opening.capacity - opening.seats_promised, 0),
        is_open=opening.status == Opening.Status.OPEN,
        adaptations=opening.adaptations,
        languages=opening.languages,
        public_transport=opening.public_transport,
        supervisor_trained=opening.has_trained_supervisor,
        sni=[opening.industry_id] if opening.industry_id else [],
        ssyk=[opening.occupation_id] if opening.occupation_id else [],
        enterprise_placements=opening.enterprise_placements,
    )


def load_referrals(user) -> dict[int, Referral]:
    referrals = (
        waiting_referrals(user)
        .select_related("participant__municipality", "referring_party")
        .prefetch_related(
            Prefetch("participant__interest_industries", Industry.objects.only("code")),
            Prefetch("participant__interest_occupations", Occupation.objects.only("code")),
            Prefetch("participant__preferred_municipalities", Municipality.objects.only("code")),
            Prefetch("participant__preferred_industries", Industry.objects.only("code")),
        )
        .order_by("received_at", "pk")
    )
    return {referral.pk: referral for referral in referrals}


def load_openings(user) -> dict[int, Opening]:
    enterprise_placements = (
        Placement.objects.filter(
            opening__enterprise=OuterRef("enterprise"),
            status__in=(Placement.Status.AGREED, Placement.Status.ACTIVE),
        )
        .order_by()
        .values("opening__enterprise")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    openings = (
        open_openings(user)
        # The industry's name words a preference met (wording.word).
        .select_related("enterprise", "municipality", "industry")
        .annotate(
            # Proposals count too, so two suggestions cannot promise the same last seat.
            seats_promised=Count("placements", filter=Q(placements__status__in=Placement.CURRENT)),
            has_trained_supervisor=Exists(
                Supervisor.objects.filter(opening=OuterRef("pk"), trained=True)
            ),
            enterprise_placements=Coalesce(Subquery(enterprise_placements), 0),
        )
        .order_by("pk")
    )
    return {opening.pk: opening for opening in openings}


class MatchingData:
    """The referrals and openings a user may match, and the engine built over them."""

    def __init__(self, user, weights: engine.Weights) -> None:
        self.referrals = load_referrals(user)
        self.openings = load_openings(user)
        self.matcher = engine.Matcher(
            [_participant(referral) for referral in self.referrals.values()],
            [_opening(opening) for opening in self.openings.values()],
            weights,
        )
