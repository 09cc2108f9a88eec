"""An opportunity's page tells search engines what is sought, as a schema.org Demand."""

import json
import re

from .factories import OpportunityFactory


def json_ld_of(response) -> dict:
    block = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.text, re.DOTALL
    )
    return json.loads(block.group(1))


def test_a_published_opportunity_is_a_demand_with_its_deadline_and_value(client, db, settings):
    opportunity = OpportunityFactory(title="Lokalvård i Gammelstad")
    data = json_ld_of(client.get(opportunity.get_absolute_url()))
    assert (data["@type"], data["name"]) == ("Demand", "Lokalvård i Gammelstad")
    assert data["url"] == settings.SITE_URL + opportunity.get_absolute_url()
    assert data["itemOffered"]["serviceType"] == "CPV 90911200"
    assert data["priceSpecification"] == {
        "@type": "PriceSpecification",
        "price": "450000",
        "priceCurrency": "SEK",
        "valueAddedTaxIncluded": False,
    }
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Luleå"}]
    assert data["availabilityEnds"].startswith(f"{opportunity.tenders_due.year}-")


def test_a_draft_is_offered_to_no_search_engine(client, coordinator):
    draft = OpportunityFactory(draft=True)
    client.force_login(coordinator)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "application/ld+json" not in response.text
