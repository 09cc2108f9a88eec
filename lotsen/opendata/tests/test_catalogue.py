"""The catalogue is DCAT-AP-SE 2 that rdflib reads, with every property decision 0206
lists as required, and every address in it answers."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from lotsen.core.opendata import CC0

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
SITE = "https://data.lotsen.example.se"
CATALOGUE = "/oppna-data/katalog.jsonld"

# The properties decision 0206 lists as mandatory in DCAT-AP-SE 2, by class.
REQUIRED = {
    DCAT.Catalog: [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset],
    DCAT.Dataset: [
        DCTERMS.title,
        DCTERMS.description,
        DCTERMS.publisher,
        DCAT.contactPoint,
    ],
    DCAT.Distribution: [DCAT.accessURL],
    FOAF.Agent: [FOAF.name],
    VCARD.Kind: [VCARD.fn, VCARD.hasEmail],
}
# And those it checks for every dataset or distribution Lotsen publishes.
PROMISED = {
    DCAT.Dataset: [
        DCAT.distribution,
        DCAT.theme,
        DCAT.keyword,
        DCTERMS.spatial,
        DCAT.landingPage,
        DCTERMS.accessRights,
    ],
    DCAT.Distribution: [
        DCAT.downloadURL,
        DCAT.mediaType,
        DCTERMS.license,
        DCTERMS.conformsTo,
        DCTERMS.title,
    ],
    FOAF.Agent: [DCTERMS.type],
}


@pytest.fixture
def graph(client, db, settings) -> Graph:
    settings.SITE_URL = SITE
    settings.OPEN_DATA_PUBLISHER_ORG_NUMBER = "222000-1234"
    response = client.get(CATALOGUE)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


def test_every_required_property_is_there(graph):
    for properties in (REQUIRED, PROMISED):
        for kind, required in properties.items():
            subjects = set(graph.subjects(RDF.type, kind))
            assert subjects, kind
            for subject in subjects:
                for prop in required:
                    assert graph.value(subject, prop) is not None, (subject, prop)


def test_it_describes_the_four_datasets_each_under_cc0_with_its_schema(graph):
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    assert {urlsplit(str(d)).path for d in datasets} == {
        "/foretag/oppna-data/",
        "/evenemang/",
        "/upphandling/",
        "/statistik/",
    }
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) == 6
    for distribution in distributions:
        assert graph.value(distribution, DCTERMS.license) == URIRef(CC0)
        assert str(distribution).startswith(SITE + "/")
    schemas = {str(graph.value(d, DCTERMS.conformsTo)) for d in distributions}
    assert SITE + "/statistik/statistik.tableschema.json" in schemas
    assert SITE + "/foretag/oppna-data/sociala-foretag.tableschema.json" in schemas
    assert SITE + "/foretag/oppna-data/sociala-foretag.schema.json" in schemas
    assert (
        "https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"
        in schemas
    )


def test_the_texts_are_in_swedish_and_english(graph):
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    assert {title.language for title in graph.objects(catalog, DCTERMS.title)} == {"sv", "en"}
    keywords = set(graph.objects(None, DCAT.keyword))
    assert Literal("sociala företag", lang="sv") in keywords
    assert Literal("social enterprises", lang="en") in keywords
    themes = {str(theme) for theme in graph.objects(None, DCAT.theme)}
    assert {EU + "data-theme/SOCI", EU + "data-theme/ECON", EU + "data-theme/GOVE"} <= themes


def test_the_publisher_is_the_coordination_association_by_its_number(graph):
    (agent,) = graph.subjects(RDF.type, FOAF.Agent)
    assert str(agent) == "http://dataportal.se/organisation/SE2220001234"
    assert str(graph.value(agent, FOAF.name)) == "Samordningsförbundet Södra Norrbotten"
    assert str(graph.value(agent, DCTERMS.identifier)) == "222000-1234"


def test_every_address_in_it_answers(graph, client):
    for prop in (DCAT.downloadURL, DCAT.landingPage, DCTERMS.conformsTo):
        for address in graph.objects(None, prop):
            url = urlsplit(str(address))
            if url.netloc != urlsplit(SITE).netloc:
                continue
            response = client.get(url.path)
            assert response.status_code == 200, address


def test_the_page_lists_every_dataset_and_the_catalogue(client, db):
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/oppna-data/")
    assert page.status_code == 200
    assert CATALOGUE in page.text
    for name in ("Sociala företag i södra Norrbotten", "Statistik för stödstrukturen"):
        assert name in page.text
    assert len(queries) < 10
