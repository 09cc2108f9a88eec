"""The one workflow pattern: a declared table, one refusal, a history row for every step,
and the steps a user may take now answered by the app's policy."""

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from lotsen.core.workflow import (
    StatusChange,
    TransitionRefused,
    Workflow,
    WorkflowModel,
    available_actions,
)
from lotsen.events.models import Registration
from lotsen.events.tests.factories import EventFactory, RegistrationFactory
from lotsen.support.models import SupportRequest
from lotsen.support.tests.factories import SupportRequestFactory

Status = SupportRequest.Status

PIPELINES = {
    "events.Registration",
    "funding.Plan",
    "knowledge.Resource",
    "organisations.SocialEnterprise",
    "placements.Placement",
    "placements.PlacementAgreement",
    "placements.Referral",
    "procurement.Opportunity",
    "support.SupportRequest",
    "surveys.Survey",
}


def pipeline_models():
    return [
        model
        for model in apps.get_models()
        if isinstance(model, type) and hasattr(model, "workflow")
    ]


def test_every_pipeline_declares_the_one_workflow():
    assert {model._meta.label for model in pipeline_models()} == PIPELINES
    for model in pipeline_models():
        assert issubclass(model, WorkflowModel), model
        assert isinstance(model.workflow, Workflow), model
        assert callable(import_string(model.workflow.policy)), model


def test_no_model_keeps_a_table_of_its_own():
    assert [m._meta.label for m in apps.get_models() if hasattr(m, "TRANSITIONS")] == []


@pytest.mark.parametrize("label", sorted(PIPELINES))
def test_each_table_names_only_statuses_of_its_field(label):
    model = apps.get_model(label)
    workflow = model.workflow
    statuses = {value for value, _label in model._meta.get_field(workflow.field).flatchoices}
    assert set(workflow.transitions) == statuses


def test_a_table_that_leads_nowhere_known_is_refused_when_declared():
    with pytest.raises(ValueError, match="does not hold"):
        Workflow(transitions={"draft": frozenset({"published"})})


def test_a_step_saves_the_status_with_its_changes_and_records_who_when_and_why(db, coordinator):
    support_request = SupportRequestFactory(status=Status.IN_PROGRESS)
    before = timezone.now()
    change = support_request.move_to(Status.RESOLVED, actor=coordinator, reason="Svar givet")
    support_request.refresh_from_db()
    assert support_request.status == Status.RESOLVED
    assert support_request.resolved_at >= before
    assert StatusChange.objects.of(support_request).get() == change
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "in_progress",
        "resolved",
        coordinator,
        "Svar givet",
    )
    assert change.changed_at >= before
    assert (change.from_label, change.to_label) == ("Pågår", "Löst")


def test_a_step_the_table_does_not_hold_is_refused_and_changes_nothing(db, coordinator):
    support_request = SupportRequestFactory(status=Status.NEW)
    with pytest.raises(TransitionRefused) as refused:
        support_request.move_to(Status.CLOSED, actor=coordinator)
    assert refused.value.code == "transition"
    assert refused.value.messages == ["Statusen kan inte ändras från ”nytt” till ”avslutat”."]
    support_request.refresh_from_db()
    assert support_request.status == Status.NEW
    assert not support_request.status_changes.exists()


def test_an_unknown_status_is_refused_as_any_other_step(db):
    support_request = SupportRequestFactory(status=Status.NEW)
    with pytest.raises(TransitionRefused):
        support_request.move_to("vanished")


def test_the_stamp_field_takes_the_time_of_each_step(db):
    registration = RegistrationFactory(event=EventFactory())
    registration.status_changed_at = timezone.now() - timezone.timedelta(days=3)
    registration.save()
    registration.move_to(Registration.Status.CANCELLED)
    registration.refresh_from_db()
    assert timezone.now() - registration.status_changed_at < timezone.timedelta(minutes=1)


def test_the_actions_are_the_table_steps_the_policy_allows_in_table_order(
    db, coordinator, enterprise_user
):
    triaged = SupportRequestFactory(status=Status.TRIAGED)
    assert [action.status for action in available_actions(coordinator, triaged)] == [
        "in_progress",
        "resolved",
    ]
    assert [action.label for action in available_actions(coordinator, triaged)] == [
        "Pågår",
        "Löst",
    ]
    new = SupportRequestFactory(status=Status.NEW)
    assert [action.status for action in available_actions(coordinator, new)] == ["triaged"]
    # The requester's enterprise neither triages nor works on the request.
    assert available_actions(enterprise_user, new) == []


def test_the_history_goes_with_the_object(db, coordinator):
    support_request = SupportRequestFactory(status=Status.NEW)
    support_request.move_to(Status.TRIAGED, actor=coordinator)
    support_request.delete()
    assert not StatusChange.objects.exists()


def test_a_long_history_is_labelled_without_a_query_per_row(
    db, coordinator, django_assert_max_num_queries
):
    support_request = SupportRequestFactory(status=Status.TRIAGED)
    for _round in range(5):
        support_request.move_to(Status.IN_PROGRESS, actor=coordinator)
        support_request.move_to(Status.RESOLVED, actor=coordinator)
        support_request.move_to(Status.IN_PROGRESS, actor=coordinator)
        support_request.move_to(Status.RESOLVED, actor=coordinator)
        SupportRequest.objects.filter(pk=support_request.pk).update(status=Status.TRIAGED)
        support_request.refresh_from_db()
    with django_assert_max_num_queries(2):
        labels = [change.to_label for change in support_request.status_changes.all()]
    assert len(labels) == 20
