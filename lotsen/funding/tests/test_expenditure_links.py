"""An expenditure links to the event or the support request it paid for."""

import pytest

from lotsen.events.tests.factories import EventFactory
from lotsen.funding.forms import ExpenditureForm
from lotsen.funding.models import Expenditure
from lotsen.support.tests.factories import SupportRequestFactory

from .factories import ExpenditureFactory, PlanFactory, PlanItemFactory
from .test_views import EXPENDITURE

pytestmark = pytest.mark.django_db


def test_the_coordinator_links_an_event_and_a_request(client, coordinator):
    plan = PlanFactory()
    event = EventFactory(title="Handledarutbildning i Boden")
    support_request = SupportRequestFactory()
    client.force_login(coordinator)
    response = client.get("/finansiering/utgifter/ny/")
    assert "Handledarutbildning i Boden" in response.text
    assert support_request.reference in response.text
    response = client.post(
        "/finansiering/utgifter/ny/",
        {**EXPENDITURE, "plan": plan.pk, "event": event.pk, "support_request": support_request.pk},
    )
    assert response.status_code == 302
    expenditure = Expenditure.objects.get()
    assert (expenditure.event, expenditure.support_request) == (event, support_request)
    response = client.get("/finansiering/utgifter/")
    assert f'href="{event.get_absolute_url()}"' in response.text
    assert f'href="{support_request.get_absolute_url()}"' in response.text


def test_links_are_optional(client, coordinator):
    client.force_login(coordinator)
    client.post("/finansiering/utgifter/ny/", {**EXPENDITURE, "plan": PlanFactory().pk})
    expenditure = Expenditure.objects.get()
    assert expenditure.event is None and expenditure.support_request is None


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("event", "Okänt evenemang. Välj ett i listan."),
        ("support_request", "Okänt stödärende. Välj ett i listan."),
    ],
)
def test_an_unknown_link_changes_nothing(client, coordinator, field, message):
    client.force_login(coordinator)
    response = client.post(
        "/finansiering/utgifter/ny/", {**EXPENDITURE, "plan": PlanFactory().pk, field: "999999"}
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Expenditure.objects.exists()


def test_only_what_the_booking_person_may_see_can_be_linked(provider, coordinator):
    hidden = SupportRequestFactory()
    members_only = EventFactory(kind="steering_group_meeting", visibility="members")
    assert hidden in ExpenditureForm(user=coordinator).fields["support_request"].queryset
    form = ExpenditureForm(user=provider)
    assert hidden not in form.fields["support_request"].queryset
    assert members_only in ExpenditureForm(user=coordinator).fields["event"].queryset


def test_the_steering_group_sees_the_request_reference_but_no_link(client, steering):
    support_request = SupportRequestFactory()
    ExpenditureFactory(plan=PlanItemFactory().plan, support_request=support_request)
    client.force_login(steering)
    response = client.get("/finansiering/utgifter/")
    assert support_request.reference in response.text
    assert support_request.get_absolute_url() not in response.text
    assert support_request.subject not in response.text


def test_deleting_the_event_keeps_the_expenditure(coordinator):
    event = EventFactory()
    expenditure = ExpenditureFactory(event=event)
    event.delete()
    expenditure.refresh_from_db()
    assert expenditure.event is None


def test_the_list_needs_the_same_queries_with_links(client, coordinator, assert_constant_queries):
    plan = PlanItemFactory().plan
    client.force_login(coordinator)

    def add(n):
        for _ in range(n):
            ExpenditureFactory(
                plan=plan, event=EventFactory(), support_request=SupportRequestFactory()
            )

    assert_constant_queries("/finansiering/utgifter/", add)
