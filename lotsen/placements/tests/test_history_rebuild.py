"""The migration that rebuilt the pilot function's history from the audit trail gives the
steps the services record today, for the steps the audit trail kept."""

import importlib

from django.apps import apps

from lotsen.core.workflow import StatusChange

from .. import services
from ..models import Placement, PlacementAgreement
from .factories import OpeningFactory, activate, enterprise_of, propose

migration = importlib.import_module(
    "lotsen.placements.migrations.0011_agreement_status_and_history"
)


def steps_of(obj) -> list[tuple[str, str, int | None, str]]:
    return [
        (change.from_status, change.to_status, change.actor_id, change.reason)
        for change in StatusChange.objects.of(obj).order_by("changed_at", "id")
    ]


def test_the_rebuilt_history_is_the_history_the_services_record(
    coordinator, caseworker, enterprise_user
):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = activate(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    withdrawn = propose(coordinator, caseworker, OpeningFactory(enterprise=opening.enterprise))
    services.placement_withdraw_proposal(
        actor=coordinator, placement=withdrawn, reason="Platsen fylldes"
    )
    objects = [placement, placement.referral, placement.agreement, withdrawn]
    recorded = {obj: steps_of(obj) for obj in objects}
    StatusChange.objects.all().delete()
    PlacementAgreement.objects.update(status=PlacementAgreement.Status.AWAITING_APPROVAL)

    migration.rebuild(apps, None)

    for obj in objects:
        assert steps_of(obj) == recorded[obj], obj
    assert StatusChange.objects.filter(rebuilt=False).count() == 0
    assert PlacementAgreement.objects.get().status == PlacementAgreement.Status.APPROVED
    assert Placement.objects.get(pk=withdrawn.pk).status == Placement.Status.CANCELLED


def test_a_history_already_kept_is_not_rebuilt_twice(coordinator, caseworker, enterprise_user):
    opening = OpeningFactory(enterprise=enterprise_of(enterprise_user))
    placement = activate(
        propose(coordinator, caseworker, opening),
        enterprise_user=enterprise_user,
        caseworker=caseworker,
        coordinator=coordinator,
    )
    before = steps_of(placement)
    migration.rebuild(apps, None)
    assert steps_of(placement) == before
