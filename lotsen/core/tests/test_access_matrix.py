"""Every URL of the URLconf answers every persona as its declared rule says.

The URLconf is walked from `get_resolver()` (as in test_bad_input_everywhere, whose small
world fills the parameters), so a URL added without a rule in its app's `ACCESS` fails
here. Each URL is asked once with GET by each role, by a user with no membership and by an
anonymous visitor; the admin site is one rule, asked at its index. The answers are the
coarse classes of `lotsen.core.access`; the apps' own access tests check the details.
"""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from lotsen.accounts.models import Role
from lotsen.core.access import (
    ADMIN_SITE,
    ANONYMOUS,
    DENIED,
    LOGIN,
    OK,
    PERSONAS,
    POST,
    declared_rules,
    rule_for,
)
from lotsen.events.tests.factories import RegistrationFactory
from lotsen.funding.models import Scenario
from lotsen.knowledge.tests.factories import ResourceFactory
from lotsen.knowledge.tests.test_attachment import PDF
from lotsen.organisations.models import EnterprisePhoto, Organisation
from lotsen.organisations.tests.factories import SocialEnterpriseFactory
from lotsen.organisations.tests.test_pictures import _png
from lotsen.placements.tests.factories import paper_approval
from lotsen.procurement.models import CpvIndustryLink, Opportunity, OpportunityDocument
from lotsen.procurement.policies import buyer_organisations
from lotsen.procurement.tests.engagement_world import engagement_world
from lotsen.procurement.tests.factories import (
    OpportunityFactory,
    PurchaseFactory,
    SavedSearchFactory,
)
from lotsen.support.models import MentorMatch, Message, SupportRequest
from lotsen.support.tasks import requester_token
from lotsen.support.tests.factories import (
    MentorFactory,
    OfferFactory,
    SupportRequestFactory,
    account_with,
)
from lotsen.surveys.tests.factories import answer, census_round, invite, open_survey
from lotsen.yearly_report.models import ReportJob

from . import test_bad_input_everywhere as bad_input
from .test_bad_input_everywhere import fill, real_values, url_patterns

# The small world whose objects fill the URL parameters, shared with the bad-input walk.
world = bad_input.world


@pytest.fixture
def matrix_world(world, all_personas, settings, tmp_path):
    """The bad-input world, with the objects whose pages are open to some persona."""
    settings.MEDIA_ROOT = tmp_path
    enterprise = Organisation.objects.get(slug=world["slug"])
    profile = SocialEnterpriseFactory(organisation=enterprise)
    profile.logo = SimpleUploadedFile("logo.png", _png(), "image/png")
    profile.save()
    photo = EnterprisePhoto.objects.create(
        profile=profile, image=SimpleUploadedFile("bild.png", _png(), "image/png")
    )
    pdf = SimpleUploadedFile("mall.pdf", PDF, content_type="application/pdf")
    coordinator, enterprise_user = all_personas[Role.COORDINATOR], all_personas[Role.ENTERPRISE]
    own_request = SupportRequestFactory(
        requester=enterprise_user, requester_organisation=enterprise, channel="signed_in"
    )
    reply = Message.objects.create(
        request=own_request,
        author=coordinator,
        body="Svar",
        attachment=SimpleUploadedFile("svar.txt", b"Svar"),
    )
    scenario = Scenario.objects.create(
        name="Hälften köpt",
        bought_hourly_rate=1100,
        own_hourly_value=650,
        coordinator_hourly_cost=600,
        coordinator_base_hours=400,
        coordination_per_bought_hour="0.20",
        coordination_per_own_hour="0.05",
        mix_bought_percent=50,
        created_by=coordinator,
    )
    survey = open_survey(series="matrix")
    named = open_survey(required=False)
    mentor = MentorFactory()
    request = SupportRequest.objects.get(pk=world["support:request"])
    steering = all_personas[Role.STEERING]
    report = ReportJob.objects.create(year=int(world["year"]), requested_by=steering)
    buying = all_personas[Role.BUYER].memberships.get().organisation
    closed = OpportunityFactory(buyer=buying, status=Opportunity.Status.CLOSED)
    # Published by the buyer persona's organisation, so it is theirs to edit.
    opportunity = OpportunityFactory(buyer=buyer_organisations(all_personas[Role.BUYER]).get())
    tender_document = OpportunityDocument.objects.create(
        opportunity=opportunity, title="Förfrågningsunderlag", file=SimpleUploadedFile("f.pdf", PDF)
    )
    alert = SavedSearchFactory(user=enterprise_user)
    paper = paper_approval(coordinator, all_personas[Role.CASEWORKER], enterprise_user)
    return {
        **world,
        "placements:agreement_approval_scan.pk": str(paper.agreement.placement_id),
        "placements:agreement_approval_scan.version": str(paper.version),
        # The prefix "placements:referral" would give these a referral's number.
        "placements:referral_create.code": world["code"],
        "placements:referral_from_support_request.pk": world["support:request"],
        "yearly_report:job": str(report.pk),
        "yearly_report:download.pk": str(report.pk),
        "support:timebank_account": str(account_with(enterprise, OfferFactory(), "10").pk),
        "surveys:": str(survey.pk),
        "surveys:export.file_format": "csv",
        "surveys:question_edit.question_pk": str(survey.questions.first().pk),
        "surveys:respond.token": invite(survey).token,
        "surveys:compare.series": survey.series,
        "surveys:panel.series": census_round("matrix").series,
        "surveys:response.response_pk": str(answer(named, {}).pk),
        "surveys:response.pk": str(named.pk),
        "directory:photo.pk": str(photo.pk),
        "support:attachment.pk": str(own_request.pk),
        "support:attachment.message_pk": str(reply.pk),
        "funding:scenario": str(scenario.pk),
        "knowledge:attachment.slug": ResourceFactory(attachment=pdf).slug,
        "events:cancel.token": RegistrationFactory().cancel_token(),
        "support:public_request.token": requester_token(SupportRequestFactory(requester=None).pk),
        "impact:indicator": "placements",
        "socioeconomics:parameter_edit": "deadweight",
        "support:mentor_edit": str(mentor.pk),
        "support:match_detail": str(MentorMatch.objects.create(mentor=mentor, request=request).pk),
        "procurement:": opportunity.slug,
        "procurement:document.pk": str(tender_document.pk),
        "procurement:document_delete.pk": str(tender_document.pk),
        "procurement:award": closed.slug,
        "procurement:purchase_edit": str(PurchaseFactory(buyer=buying).pk),
        **engagement_world(all_personas),
        "procurement:fit.slug": opportunity.slug,
        "procurement:alert_edit.pk": str(alert.pk),
        "procurement:alert_delete.pk": str(alert.pk),
        "procurement:link_delete.pk": str(CpvIndustryLink.objects.first().pk),
        "procurement:alert_unsubscribe.key": alert.unsubscribe_key,
    }


REDIRECTS = {301, 302, 303, 307, 308}


def matrix_patterns():
    """(route, name) of every URL, the admin site's own pages left to its index."""
    for route, name in url_patterns():
        if not name.startswith(ADMIN_SITE) or name == "admin:index":
            yield route, name.lstrip(":")


def answer_class(response) -> str:
    status = response.status_code
    if status in REDIRECTS:
        target = response["Location"].split("?")[0]
        login_pages = {resolve_url(settings.LOGIN_URL), reverse("admin:login")}
        return LOGIN if target in login_pages else OK
    if 200 <= status < 300:
        return OK
    if status in (401, 403, 404):
        return DENIED
    if status == 405:
        return POST
    return f"status {status}"


def test_every_url_has_a_rule():
    rules = declared_rules()
    missing = sorted(name for _route, name in matrix_patterns() if not rule_for(name, rules))
    assert not missing, (
        "These URL patterns have no rule in their app's policies.ACCESS "
        f"(lotsen/core/access.py): {', '.join(missing)}"
    )


def test_every_rule_names_a_url():
    names = {name for _route, name in matrix_patterns()} | {ADMIN_SITE}
    stale = sorted(declared_rules().keys() - names)
    assert not stale, f"These rules name no URL pattern: {', '.join(stale)}"


def test_every_url_answers_every_persona_as_declared(client, all_personas, matrix_world):
    rules = declared_rules()
    wrong = []
    for route, name in matrix_patterns():
        rule = rule_for(name, rules)
        if rule is None:
            continue  # reported by test_every_url_has_a_rule
        path = fill(route, real_values(route, name, matrix_world))
        for persona in PERSONAS:
            client.logout()
            if persona != ANONYMOUS:
                client.force_login(all_personas[persona])
            got = answer_class(client.get(path))
            expected = rule.expected(persona)
            if got != expected:
                wrong.append(f"{name} ({path}) for {persona}: {got}, declared {expected}")
    assert not wrong, "Answers that differ from the declared rule:\n" + "\n".join(wrong)
