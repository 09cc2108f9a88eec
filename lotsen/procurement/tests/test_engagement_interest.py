"""An enterprise declares interest in a published opportunity once, may withdraw it before
tenders are due, and the buyer and the coordinator see who is interested."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from lotsen.accounts.models import Role
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.engagement import engagement_context
from lotsen.procurement.models import Interest, Opportunity
from lotsen.procurement.policies import buyer_organisations, enterprises_of

from .factories import OpportunityFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def declare(client, opportunity):
    return client.post(
        reverse("procurement:interest_declare", args=[opportunity.slug]), follow=True
    )


def test_an_enterprise_declares_interest_once(client, enterprise_user):
    opportunity = OpportunityFactory()
    client.force_login(enterprise_user)

    declare(client, opportunity)
    again = declare(client, opportunity)

    assert Interest.objects.filter(opportunity=opportunity).count() == 1
    assert "har redan anmält sitt intresse" in again.content.decode()


def test_interest_is_withdrawn_before_the_deadline_but_not_after(client, enterprise_user):
    opportunity = OpportunityFactory()
    client.force_login(enterprise_user)
    declare(client, opportunity)
    url = reverse("procurement:interest_withdraw", args=[opportunity.slug])

    client.post(url)
    assert not Interest.objects.filter(opportunity=opportunity).exists()

    declare(client, opportunity)
    Opportunity.objects.filter(pk=opportunity.pk).update(
        tenders_due=timezone.now() - datetime.timedelta(hours=1)
    )
    response = client.post(url, follow=True)
    assert Interest.objects.filter(opportunity=opportunity).exists()
    assert "inte längre öppen" in response.content.decode()


def test_no_interest_in_a_draft_or_without_an_enterprise(client, enterprise_user, buyer):
    draft = OpportunityFactory(draft=True)
    client.force_login(enterprise_user)
    assert declare(client, draft).status_code == 404

    client.force_login(buyer)
    declare(client, OpportunityFactory())
    assert not Interest.objects.exists()


def test_the_buyer_and_the_coordinator_see_the_interested(
    client, buyer, coordinator, enterprise_user
):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    Interest.objects.create(
        opportunity=opportunity, enterprise=enterprises_of(enterprise_user).get()
    )
    url = reverse("procurement:interest_list", args=[opportunity.slug])

    for user in (buyer, coordinator):
        client.force_login(user)
        assert enterprises_of(enterprise_user).get().name in client.get(url).content.decode()
    client.force_login(enterprise_user)
    assert client.get(url).status_code == 404


def test_another_buyer_does_not_see_the_interested(client, make_persona):
    other_buyer = make_persona(Role.BUYER)
    opportunity = OpportunityFactory()
    client.force_login(other_buyer)
    assert (
        client.get(reverse("procurement:interest_list", args=[opportunity.slug])).status_code == 404
    )


def test_the_interest_list_needs_as_many_queries_with_more_enterprises(
    client, buyer, assert_constant_queries
):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    client.force_login(buyer)

    def add(n):
        for _ in range(n):
            Interest.objects.create(opportunity=opportunity, enterprise=OrganisationFactory())

    assert_constant_queries(reverse("procurement:interest_list", args=[opportunity.slug]), add)


def test_the_panel_offers_what_the_user_may_do(enterprise_user, buyer):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())

    before = engagement_context(enterprise_user, opportunity)
    assert before["can_declare_interest"] and before["can_ask"]
    assert not before["sees_engagement"]
    Interest.objects.create(
        opportunity=opportunity, enterprise=enterprises_of(enterprise_user).get()
    )
    after = engagement_context(enterprise_user, opportunity)
    assert not after["can_declare_interest"] and after["can_withdraw_interest"]
    assert after["can_form_consortium"]
    assert engagement_context(buyer, opportunity)["sees_engagement"]


def render_panel(user, opportunity):
    request = RequestFactory().get("/upphandling/")
    request.user = user
    template = Template("{% load procurement_engagement %}{% engagement_panel opportunity %}")
    return template.render(Context({"request": request, "opportunity": opportunity}))


def test_the_panel_shows_public_answers_and_the_interest_button(enterprise_user):
    opportunity = OpportunityFactory()
    QuestionFactory(opportunity=opportunity, text="Ingår fönsterputs?", answer="Nej.")
    QuestionFactory(opportunity=opportunity, text="Obesvarad?")

    anonymous = render_panel(AnonymousUser(), opportunity)
    assert "Ingår fönsterputs?" in anonymous and "Obesvarad?" not in anonymous
    assert reverse("procurement:interest_declare", args=[opportunity.slug]) not in anonymous
    mine = render_panel(enterprise_user, opportunity)
    assert reverse("procurement:interest_declare", args=[opportunity.slug]) in mine
