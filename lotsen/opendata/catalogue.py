"""The open data catalogue: every dataset Lotsen publishes, in DCAT-AP-SE 2 as JSON-LD.

Sweden's data portal (dataportal.se) harvests the catalogue. Each dataset has its
distributions, each under CC0 and each naming the schema it conforms to; titles,
descriptions and keywords are given in Swedish and English from the same translations
the pages use. The properties the decision lists as required are checked by the tests
(decision 0206)."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotsen.core.opendata import CC0
from lotsen.core.public_url import public_url
from lotsen.procurement import ocds

LANGUAGES = ("sv", "en")
EU = "http://publications.europa.eu/resource/authority/"
SWEDISH = EU + "language/SWE"
CONTINUOUS = EU + "frequency/CONT"
PUBLIC_ACCESS = EU + "access-right/PUBLIC"
REGIONAL_AUTHORITY = "http://purl.org/adms/publishertype/RegionalAuthority"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
ICALENDAR = "https://www.rfc-editor.org/rfc/rfc5545"
ATOM = "https://www.rfc-editor.org/rfc/rfc4287"

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}


@dataclass(frozen=True)
class Distribution:
    title: Promise
    url_name: str
    media_type: str  # IANA, e.g. "text/csv"
    conforms_to: str  # the schema's URL name, or the address of a published standard
    file_type: str = ""  # EU file-type code where the vocabulary has one

    @property
    def url(self) -> str:
        return public_url(reverse(self.url_name))

    @property
    def schema_url(self) -> str:
        if "://" in self.conforms_to:
            return self.conforms_to
        return public_url(reverse(self.conforms_to))


@dataclass(frozen=True)
class Dataset:
    title: Promise
    description: Promise
    landing_page: str  # URL name of the page that explains the dataset to people
    themes: tuple[str, ...]  # EU data themes
    keywords: tuple[Promise, ...]
    distributions: tuple[Distribution, ...]

    @property
    def landing_url(self) -> str:
        return public_url(reverse(self.landing_page))


def datasets() -> list[Dataset]:
    return [
        Dataset(
            _("Social enterprises in southern Norrbotten"),
            _(
                "The public directory of work-integrating social enterprises: contact "
                "details, industries, services, and whether they take people in work training."
            ),
            "directory:open_data",
            ("ECON", "SOCI"),
            (_("social enterprises"), _("work integration"), _("work training")),
            (
                Distribution(
                    _("Social enterprises as CSV"),
                    "directory:open_data_csv",
                    "text/csv",
                    "directory:open_data_table_schema",
                    "CSV",
                ),
                Distribution(
                    _("Social enterprises as JSON"),
                    "directory:open_data_json",
                    "application/json",
                    "directory:open_data_json_schema",
                    "JSON",
                ),
            ),
        ),
        Dataset(
            _("Events for social enterprises"),
            _(
                "Courses, meetings and other events for social enterprises and their "
                "partners in southern Norrbotten, as a calendar."
            ),
            "events:calendar",
            ("SOCI", "EDUC"),
            (_("events"), _("social enterprises")),
            (Distribution(_("Calendar (iCalendar)"), "events:feed", "text/calendar", ICALENDAR),),
        ),
        Dataset(
            _("Business opportunities and awards (OCDS)"),
            _(
                "Public buyers' business opportunities for social enterprises, their lots, "
                "answered questions and awards, in the Open Contracting Data Standard, and "
                "a feed of new opportunities."
            ),
            "procurement:list",
            ("ECON", "GOVE"),
            (_("public procurement"), _("reserved contracts"), _("social enterprises")),
            (
                Distribution(
                    _("OCDS release package"),
                    "procurement:ocds",
                    "application/json",
                    ocds.PACKAGE_SCHEMA,
                    "JSON",
                ),
                Distribution(
                    _("Feed of new opportunities (Atom)"),
                    "procurement:feed",
                    "application/atom+xml",
                    ATOM,
                ),
            ),
        ),
        Dataset(
            _("Statistics of the support structure"),
            _(
                "Yearly figures of the regional support structure for work-integrating "
                "social enterprises: enterprises, work training, outcomes, support, events "
                "and procurement. Counts of 1 to 4 people are hidden."
            ),
            "statistics:page",
            ("SOCI", "GOVE"),
            (_("statistics"), _("work integration")),
            (
                Distribution(
                    _("Statistics as CSV"),
                    "statistics:csv",
                    "text/csv",
                    "statistics:csv_schema",
                    "CSV",
                ),
            ),
        ),
    ]


def _texts(text: Promise) -> list[dict]:
    values = []
    for language in LANGUAGES:
        with translation.override(language):
            values.append({"@value": str(text), "@language": language})
    return values


def publisher() -> dict:
    """The coordination association, known to the portal by its organisation number."""
    org_number = settings.OPEN_DATA_PUBLISHER_ORG_NUMBER
    digits = org_number.replace("-", "")
    agent = {
        # dataportal.se names a Swedish organisation by its number (DCAT-AP-SE).
        "@id": f"http://dataportal.se/organisation/SE{digits}"
        if digits
        else public_url("/") + "#publisher",
        "@type": ["foaf:Agent", "foaf:Organization"],
        "foaf:name": settings.OPEN_DATA_PUBLISHER,
        "dct:type": {"@id": REGIONAL_AUTHORITY},
    }
    if org_number:
        agent["dct:identifier"] = org_number
    return agent


def _contact_point() -> dict:
    return {
        "@type": ["vcard:Kind", "vcard:Organization"],
        "vcard:fn": settings.OPEN_DATA_PUBLISHER,
        "vcard:hasEmail": {"@id": f"mailto:{settings.CONTACT_EMAIL}"},
    }


def _spatial() -> dict:
    return {
        "@type": "dct:Location",
        "skos:prefLabel": [
            {"@value": "Norrbottens län", "@language": "sv"},
            {"@value": "Norrbotten County", "@language": "en"},
        ],
        "dct:identifier": "SE-BD",  # ISO 3166-2
    }


def _distribution(distribution: Distribution) -> dict:
    node = {
        "@id": distribution.url,
        "@type": "dcat:Distribution",
        "dct:title": _texts(distribution.title),
        "dcat:accessURL": {"@id": distribution.url},
        "dcat:downloadURL": {"@id": distribution.url},
        "dcat:mediaType": {"@id": MEDIA_TYPES + distribution.media_type},
        "dct:license": {"@id": CC0},
        "dct:conformsTo": {"@id": distribution.schema_url},
    }
    if distribution.file_type:
        node["dct:format"] = {"@id": f"{EU}file-type/{distribution.file_type}"}
    return node


def _dataset(dataset: Dataset, agent: dict) -> dict:
    return {
        "@id": dataset.landing_url + "#dataset",
        "@type": "dcat:Dataset",
        "dct:title": _texts(dataset.title),
        "dct:description": _texts(dataset.description),
        "dct:publisher": {"@id": agent["@id"]},
        "dcat:contactPoint": _contact_point(),
        "dcat:theme": [{"@id": f"{EU}data-theme/{theme}"} for theme in dataset.themes],
        "dcat:keyword": [value for keyword in dataset.keywords for value in _texts(keyword)],
        "dct:spatial": _spatial(),
        "dct:language": {"@id": SWEDISH},
        "dct:accessRights": {"@id": PUBLIC_ACCESS},
        "dct:accrualPeriodicity": {"@id": CONTINUOUS},
        "dcat:landingPage": {"@id": dataset.landing_url},
        "dcat:distribution": [_distribution(d) for d in dataset.distributions],
    }


def catalogue() -> dict:
    agent = publisher()
    return {
        "@context": CONTEXT,
        "@id": public_url(reverse("opendata:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _texts(_("Open data from Lotsen")),
        "dct:description": _texts(
            _(
                "The open datasets of Lotsen, the platform of the support structure for "
                "work-integrating social enterprises in southern Norrbotten."
            )
        ),
        "dct:publisher": agent,
        "foaf:homepage": {"@id": public_url(reverse("opendata:index"))},
        "dct:language": {"@id": SWEDISH},
        "dct:license": {"@id": CC0},
        "dct:spatial": _spatial(),
        "dcat:dataset": [_dataset(dataset, agent) for dataset in datasets()],
    }
