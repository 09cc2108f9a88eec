"""schema.org data for an opportunity's page: a Demand, the type schema.org gives a
public announcement that an organisation seeks goods or services."""

from django.utils import timezone

from .models import Opportunity


def opportunity_json_ld(opportunity: Opportunity, url: str) -> dict:
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Demand",
        "name": opportunity.title,
        "description": opportunity.description,
        "url": url,
        "inLanguage": "sv",
        "itemOffered": {
            "@type": "Service",
            "name": opportunity.main_cpv.label,
            "serviceType": f"CPV {opportunity.main_cpv.code}",
        },
        "areaServed": [
            {"@type": "AdministrativeArea", "name": municipality.name}
            for municipality in opportunity.municipalities.all()
        ],
    }
    if opportunity.published_at:
        data["validFrom"] = timezone.localtime(opportunity.published_at).isoformat()
    if opportunity.tenders_due:
        data["availabilityEnds"] = timezone.localtime(opportunity.tenders_due).isoformat()
    if opportunity.estimated_value is not None:
        data["priceSpecification"] = {
            "@type": "PriceSpecification",
            "price": str(opportunity.estimated_value),
            "priceCurrency": "SEK",
            "valueAddedTaxIncluded": False,
        }
    return data
