"""The open data: an OCDS 1.1.5 release package checked against the schema, and a feed."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from jsonschema import Draft4Validator
from referencing import Registry, Resource

from lotsen.organisations.models import Organisation
from lotsen.organisations.tests.factories import OrganisationFactory
from lotsen.procurement.models import Opportunity, OpportunityDocument

from .factories import (
    AwardFactory,
    ConsortiumFactory,
    LotFactory,
    OpportunityFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

OCDS = "/upphandling/ocds.json"
FEED = "/upphandling/flode.atom"
SCHEMAS = Path(__file__).resolve().parents[1] / "data" / "ocds-1.1.5"
ATOM = "{http://www.w3.org/2005/Atom}"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def validator() -> Draft4Validator:
    release = schema("release-schema.json")
    registry = Registry().with_resource(release["id"], Resource.from_contents(release))
    return Draft4Validator(schema("release-package-schema.json"), registry=registry)


def package(client) -> dict:
    response = client.get(OCDS)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert not errors, errors
    return data


def released(data, opportunity) -> dict:
    (release,) = [r for r in data["releases"] if r["ocid"].endswith(f"-{opportunity.pk}")]
    return release


def test_every_public_opportunity_is_a_valid_release_and_no_draft_is(client, settings):
    published = OpportunityFactory()
    closed = OpportunityFactory(status=Opportunity.Status.CLOSED)
    cancelled = OpportunityFactory(status=Opportunity.Status.CANCELLED)
    draft = OpportunityFactory(draft=True, title="Hemligt utkast")
    data = package(client)
    assert {r["ocid"] for r in data["releases"]} == {
        f"ocds-lotsen-{o.pk}" for o in (published, closed, cancelled)
    }
    assert "Hemligt utkast" not in json.dumps(data, ensure_ascii=False)
    assert released(data, published)["tag"] == ["tender"]
    assert released(data, published)["tender"]["status"] == "active"
    assert released(data, cancelled)["tag"] == ["tenderCancellation"]
    assert released(data, cancelled)["tender"]["status"] == "cancelled"
    assert data["uri"] == settings.SITE_URL + "/upphandling/ocds.json"
    assert draft.pk not in [r["tender"]["id"] for r in data["releases"]]


def test_the_tender_carries_value_cpv_lots_reservation_and_social_goal(client):
    opportunity = OpportunityFactory(contract_nature="supplies")
    LotFactory(opportunity=opportunity, title="Förskolor i Gammelstad")
    tender = released(package(client), opportunity)["tender"]
    assert tender["value"] == {"amount": 450000, "currency": "SEK"}
    assert tender["mainProcurementCategory"] == "goods"
    assert tender["items"][0]["classification"]["scheme"] == "CPV"
    assert tender["items"][0]["classification"]["id"] == "90911200"
    assert tender["lots"][0]["title"] == "Förskolor i Gammelstad"
    assert tender["otherRequirements"] == {"reservedParticipation": ["shelteredWorkshop"]}
    assert tender["sustainability"] == [
        {
            "goal": "social.disadvantagedEmploymentOpportunities",
            "strategies": ["reservedParticipation"],
        }
    ]
    assert "endDate" in tender["tenderPeriod"] and "endDate" in tender["enquiryPeriod"]


def test_reserved_public_service_missions_are_mapped_too(client):
    opportunity = OpportunityFactory(
        kind=Opportunity.Kind.RESERVED_SERVICES, reserved_participation="res-pub-ser"
    )
    tender = released(package(client), opportunity)["tender"]
    assert tender["otherRequirements"]["reservedParticipation"] == [
        "publicServiceMissionOrganization"
    ]


def test_answered_questions_are_enquiries_without_the_asker(client):
    opportunity = OpportunityFactory()
    asked = QuestionFactory(
        opportunity=opportunity, answer="Ja, två gånger om året.", answered_at=timezone.now()
    )
    QuestionFactory(opportunity=opportunity, text="Obesvarad fråga")
    data = package(client)
    (enquiry,) = released(data, opportunity)["tender"]["enquiries"]
    assert enquiry["answer"] == "Ja, två gånger om året."
    assert "author" not in enquiry
    text = json.dumps(data, ensure_ascii=False)
    assert asked.asked_by.email not in text and "Obesvarad fråga" not in text


def test_awards_name_their_suppliers_as_parties(client):
    enterprise = OrganisationFactory(kind=Organisation.Kind.SOCIAL_ENTERPRISE)
    award = AwardFactory(supplier=enterprise)
    lot = LotFactory(opportunity=award.opportunity)
    consortium = ConsortiumFactory(opportunity=award.opportunity)
    AwardFactory(opportunity=award.opportunity, supplier=None, consortium=consortium, lot=lot)
    release = released(package(client), award.opportunity)
    assert release["tag"] == ["tenderUpdate", "award"]
    assert release["tender"]["status"] == "complete"
    roles = {party["name"]: party["roles"] for party in release["parties"]}
    assert roles[award.opportunity.buyer.name] == ["buyer"]
    assert roles[enterprise.name] == ["supplier"]
    assert roles[consortium.name] == ["supplier"]
    first, second = release["awards"]
    assert first["value"] == {"amount": 430000, "currency": "SEK"}
    assert first["status"] == "active" and first["suppliers"][0]["name"] == enterprise.name
    assert second["relatedLots"] == [str(lot.number)]


def test_documents_are_listed_by_title(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    opportunity = OpportunityFactory()
    OpportunityDocument.objects.create(
        opportunity=opportunity,
        title="Förfrågningsunderlag",
        file=SimpleUploadedFile("underlag.pdf", b"%PDF-1.4"),
    )
    (document,) = released(package(client), opportunity)["tender"]["documents"]
    assert document["title"] == "Förfrågningsunderlag"


def test_the_package_needs_as_many_queries_with_more_opportunities(client, assert_constant_queries):
    def add(n):
        for _ in range(n):
            LotFactory(opportunity=AwardFactory().opportunity)
            QuestionFactory(answer="Svar", answered_at=timezone.now())

    assert_constant_queries(OCDS, add)


def test_the_feed_lists_the_newest_published_first_and_parses(client):
    older = OpportunityFactory(title="Fönsterputs", published_at=timezone.now() - timedelta(days=3))
    newer = OpportunityFactory(title="Snöröjning")
    OpportunityFactory(draft=True, title="Utkast")
    response = client.get(FEED)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.find(f"{ATOM}title").text == "Affärsmöjligheter i Lotsen"
    titles = [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]
    assert titles == [newer.title, older.title]


def test_the_package_names_its_schema_and_every_link_follows_the_public_address(client, settings):
    settings.SITE_URL = "https://lotsen.example.se"
    opportunity = OpportunityFactory(title="Snöröjning")
    response = client.get(OCDS, HTTP_HOST="127.0.0.1")
    assert response["Link"] == (
        f'<{schema("release-package-schema.json")["id"]}>; rel="describedby"; '
        'type="application/schema+json"'
    )
    data = package(client)
    assert data["uri"] == "https://lotsen.example.se" + OCDS
    assert data["publisher"]["uri"] == "https://lotsen.example.se/"
    root = ET.fromstring(client.get(FEED).content)
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links and all(link.startswith("https://lotsen.example.se/") for link in links)
    assert f"https://lotsen.example.se{opportunity.get_absolute_url()}" in links
