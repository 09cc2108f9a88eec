"""The public list and page, the buyer's own list, and the documents behind the policy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotsen.procurement.models import Opportunity, OpportunityDocument
from lotsen.procurement.policies import buyer_organisations

from .factories import LotFactory, OpportunityFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def titles(response) -> list[str]:
    return [opportunity.title for opportunity in response.context["page"].object_list]


def test_the_list_shows_the_open_ones_by_default(client, db):
    OpportunityFactory(title="Öppen")
    OpportunityFactory(title="Utkast", draft=True)
    OpportunityFactory(title="Stängd", status=Opportunity.Status.CLOSED)
    assert titles(client.get("/upphandling/")) == ["Öppen"]
    assert titles(client.get("/upphandling/?stage=closed")) == ["Stängd"]
    assert sorted(titles(client.get("/upphandling/?stage=all"))) == ["Stängd", "Öppen"]


def test_the_list_searches_and_filters(client, db):
    OpportunityFactory(title="Lokalvård Luleå")
    OpportunityFactory(
        title="Catering Boden",
        description="Lunch till äldreboenden",
        main_cpv_id="55520000",
        kind=Opportunity.Kind.DIRECT_AWARD,
        reserved_participation="none",
        municipalities=["2582"],
    )
    assert titles(client.get("/upphandling/?q=äldreboenden")) == ["Catering Boden"]
    assert titles(client.get("/upphandling/?division=90")) == ["Lokalvård Luleå"]
    assert titles(client.get("/upphandling/?kind=direct_award")) == ["Catering Boden"]
    assert titles(client.get("/upphandling/?municipality=2582")) == ["Catering Boden"]
    assert titles(client.get("/upphandling/?reserved=yes")) == ["Lokalvård Luleå"]
    assert titles(client.get("/upphandling/?reserved=no")) == ["Catering Boden"]


def test_a_bad_filter_is_ignored_with_a_reason(client, db):
    OpportunityFactory()
    response = client.get("/upphandling/?kind=nonsense&division=xx")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_the_list_needs_the_same_queries_for_more_opportunities(
    client, db, assert_constant_queries
):
    assert_constant_queries(
        "/upphandling/", lambda n: [OpportunityFactory() for _ in range(n)], more=15
    )


def test_the_detail_page_tells_everything_public(client, db):
    opportunity = OpportunityFactory(notice_url="https://www.e-avrop.com/annons/1")
    opportunity.additional_cpv.set(["90919200"])
    LotFactory(opportunity=opportunity, title="Förskolor")
    html = client.get(opportunity.get_absolute_url()).text
    assert opportunity.buyer.name in html
    assert "90911200" in html and "90919200" in html
    assert "Förskolor" in html and "Luleå" in html
    assert "450\xa0000 kr" in html
    assert (
        "Reserverad för leverantörer där minst 30 % av de anställda har funktionsnedsättning "
        "eller är arbetsmässigt missgynnade (LOU 4 kap. 18 §)."
    ) in html
    assert "Sysselsättningsmöjligheter för långtidsarbetslösa" in html
    assert 'href="https://www.e-avrop.com/annons/1"' in html
    assert 'href="/kontakt/"' in html and "timbank" in html
    assert "Historik" not in html


def test_drafts_are_hidden_from_the_public_and_other_buyers(client, make_persona, enterprise_user):
    draft = OpportunityFactory(draft=True)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(enterprise_user)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(make_persona("buyer"))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert titles(client.get("/upphandling/?stage=all")) == []


def test_my_opportunities_lists_every_status_of_my_organisation(client, buyer):
    own = buyer_organisations(buyer).get()
    OpportunityFactory(title="Mitt utkast", draft=True, buyer=own)
    OpportunityFactory(title="Min publicerade", buyer=own)
    OpportunityFactory(title="Någon annans")
    client.force_login(buyer)
    response = client.get("/upphandling/mina/")
    assert sorted(titles(response)) == ["Min publicerade", "Mitt utkast"]
    assert 'href="/upphandling/ny/"' in response.text


def test_my_opportunities_needs_the_same_queries_for_more(client, buyer, assert_constant_queries):
    own = buyer_organisations(buyer).get()
    client.force_login(buyer)
    assert_constant_queries(
        "/upphandling/mina/", lambda n: [OpportunityFactory(buyer=own) for _ in range(n)]
    )


def upload(client, opportunity, name="forfragan.pdf", content=PDF):
    return client.post(
        f"/upphandling/{opportunity.slug}/dokument/",
        {"title": "Förfrågningsunderlag", "file": SimpleUploadedFile(name, content)},
    )


def test_documents_are_served_by_the_policy(client, buyer):
    draft = OpportunityFactory(draft=True, buyer=buyer_organisations(buyer).get())
    client.force_login(buyer)
    assert upload(client, draft).status_code == 302
    document = OpportunityDocument.objects.get()
    address = f"/upphandling/{draft.slug}/dokument/{document.pk}/"
    assert not document.file.name.startswith("procurement/forfragan")
    assert client.get(address).status_code == 200
    client.logout()
    assert client.get(address).status_code == 404
    draft.move_to(Opportunity.Status.PUBLISHED)
    response = client.get(address)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == PDF


def test_only_pdf_docx_and_xlsx_with_matching_content_are_taken(client, buyer):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    client.force_login(buyer)
    response = upload(client, opportunity, name="skript.exe", content=b"MZ")
    assert "PDF, DOCX eller XLSX" in response.text
    response = upload(client, opportunity, name="falsk.pdf", content=b"not a pdf")
    assert response.status_code == 200
    assert not OpportunityDocument.objects.exists()


def test_another_buyer_cannot_upload_or_remove(client, make_persona):
    opportunity = OpportunityFactory()
    client.force_login(make_persona("buyer"))
    assert upload(client, opportunity).status_code == 403
    assert not OpportunityDocument.objects.exists()


def test_the_buyer_removes_a_document_and_its_file(client, buyer):
    opportunity = OpportunityFactory(buyer=buyer_organisations(buyer).get())
    client.force_login(buyer)
    upload(client, opportunity)
    document = OpportunityDocument.objects.get()
    storage, name = document.file.storage, document.file.name
    response = client.post(f"/upphandling/{opportunity.slug}/dokument/{document.pk}/ta-bort/")
    assert response.status_code == 302
    assert not OpportunityDocument.objects.exists()
    assert not storage.exists(name)


def test_a_direct_award_page_shows_the_limit_in_force(client, db):
    opportunity = OpportunityFactory(
        kind=Opportunity.Kind.DIRECT_AWARD, reserved_participation="none"
    )
    html = client.get(opportunity.get_absolute_url()).text
    assert "700\xa0000 kr (LOU)" in html
    assert "Inte reserverad: alla leverantörer får lämna anbud." in html
