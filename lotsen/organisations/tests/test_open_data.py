import csv
import io

from lotsen.core.tests.open_data_files import json_errors, table_errors
from lotsen.organisations import opendata
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory


def test_the_open_data_page_documents_every_field_and_the_licence(client, db):
    response = client.get("/foretag/oppna-data/")
    assert response.status_code == 200
    for field in opendata.SCHEMA:
        assert f"<code>{field.name}</code>" in response.text
    assert "CC0 1.0" in response.text


def test_csv_and_json_hold_public_profiles_only(client, db):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Synlig"))
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Dold"), is_public=False)
    rows = list(
        csv.DictReader(io.StringIO(client.get("/foretag/oppna-data/sociala-foretag.csv").text))
    )
    assert [row["namn"] for row in rows] == ["Synlig"]
    assert list(rows[0]) == [field.name for field in opendata.SCHEMA]
    assert rows[0]["reserverad_upphandling"] == "true"
    data = client.get("/foretag/oppna-data/sociala-foretag.json").json()
    assert data["licens"] == "CC0 1.0"
    assert [item["namn"] for item in data["foretag"]] == ["Synlig"]
    assert set(data["foretag"][0]) == {field.name for field in opendata.SCHEMA}


def test_the_coordinator_downloads_no_more_than_a_visitor(client, coordinator):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Dold"), is_public=False)
    client.force_login(coordinator)
    assert client.get("/foretag/oppna-data/sociala-foretag.json").json()["foretag"] == []


def test_downloads_follow_the_directory_filters(client, db):
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Praktik"), takes_trainees=True)
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Ingen"), takes_trainees=False)
    data = client.get("/foretag/oppna-data/sociala-foretag.json?praktik=on").json()
    assert [item["namn"] for item in data["foretag"]] == ["Praktik"]


def test_every_open_field_is_shown_on_the_profile_page(client, db):
    profile = SocialEnterpriseFactory(organisation=OrganisationFactory(name="Synlig"))
    record = opendata.record(profile, "http://testserver")
    page = client.get(profile.get_absolute_url()).text
    assert record["organisationsnummer"] in page
    assert record["beskrivning"] in page
    assert f"({record['andel_fran_malgrupp']} %)" in page


def test_the_open_data_csv_runs_no_formula_typed_in_a_profile(client, db):
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name='=HYPERLINK("http://example.test")'),
        description="@SUM(1)",
        staff_count=7,
    )
    (row,) = csv.DictReader(io.StringIO(client.get("/foretag/oppna-data/sociala-foretag.csv").text))
    assert row["namn"] == '\'=HYPERLINK("http://example.test")'
    assert row["beskrivning"] == "'@SUM(1)"
    assert row["antal_anstallda"] == "7"
    # JSON is no spreadsheet: it keeps the text as typed.
    data = client.get("/foretag/oppna-data/sociala-foretag.json").json()
    assert data["foretag"][0]["namn"].startswith("=HYPERLINK")


def test_each_file_validates_against_the_schema_it_names(client, db, settings):
    settings.SITE_URL = "https://lotsen.example.se"
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(
            name="Typad", org_number="556677-8899", phone="+46920021000"
        ),
        founded_year=None,
    )
    SocialEnterpriseFactory(organisation=OrganisationFactory(name="Andra"))
    response = client.get("/foretag/oppna-data/sociala-foretag.csv")
    schema_url = "https://lotsen.example.se/foretag/oppna-data/sociala-foretag.tableschema.json"
    assert response["Link"] == f'<{schema_url}>; rel="describedby"; type="application/json"'
    table_schema = client.get("/foretag/oppna-data/sociala-foretag.tableschema.json").json()
    assert table_errors(response.text, table_schema) == []
    types = {field["name"]: field["type"] for field in table_schema["fields"]}
    for code in ("organisationsnummer", "kommunkod", "telefon", "sni_koder"):
        assert types[code] == "string"
    rows = {row["namn"]: row for row in csv.DictReader(io.StringIO(response.text))}
    # The phone is as typed: a plain number with its sign runs nothing in a spreadsheet.
    assert rows["Typad"]["telefon"] == "+46920021000"
    assert rows["Typad"]["profilsida"].startswith("https://lotsen.example.se/foretag/")

    response = client.get("/foretag/oppna-data/sociala-foretag.json")
    json_schema_url = "https://lotsen.example.se/foretag/oppna-data/sociala-foretag.schema.json"
    assert json_schema_url in response["Link"]
    assert response.json()["schema"] == json_schema_url
    schema_response = client.get("/foretag/oppna-data/sociala-foretag.schema.json")
    assert schema_response["Content-Type"].startswith("application/schema+json")
    assert json_errors(response.json(), schema_response.json()) == []


def test_the_schemas_catch_a_mistyped_value():
    table_schema = opendata.table_schema()
    header = ",".join(field.name for field in opendata.SCHEMA)
    row = ["x"] * len(opendata.SCHEMA)
    assert table_errors(f"{header}\r\n{','.join(row)}\r\n", table_schema) != []
    schema = opendata.json_schema("https://lotsen.example.se/schema.json")
    assert json_errors({"licens": 1}, schema) != []
