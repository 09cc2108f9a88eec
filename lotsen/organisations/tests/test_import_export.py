import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from lotsen.core.identifiers import fictitious_org_number
from lotsen.organisations.models import Organisation, ProfileChange, SocialEnterprise
from lotsen.organisations.tests.factories import OrganisationFactory, SocialEnterpriseFactory

NUMBER_1 = fictitious_org_number(901, series="7698")
NUMBER_2 = fictitious_org_number(902, series="7698")
HEADER = ";".join(
    [
        "organisationsnummer",
        "namn",
        "kommunkod",
        "sni_koder",
        "tjanster",
        "antal_anstallda",
        "varav_fran_malgrupp",
        "tar_emot_arbetstranare",
        "publik",
    ]
)
GOOD_ROWS = [
    f"{NUMBER_1};Snickarglädje Piteå ek. för.;2581;43.320;snickeri, möbler;10;4;ja;ja",
    f"{NUMBER_2};Städglädje Luleå ek. för.;2580;81210;städning;5;1;nej;ja",
]


def _csv(lines, encoding="utf-8", bom=False) -> SimpleUploadedFile:
    data = "\r\n".join(lines).encode(encoding)
    return SimpleUploadedFile("foretag.csv", (b"\xef\xbb\xbf" if bom else b"") + data)


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def _import(client, upload):
    return client.post("/organisationer/import/", {"file": upload}, follow=True)


@pytest.mark.parametrize(
    ("encoding", "bom", "separator"),
    [("utf-8", False, ","), ("utf-8", True, ";"), ("cp1252", False, ";")],
)
def test_csv_in_utf8_with_or_without_bom_and_excels_swedish_export_imports(
    coordinator_client, encoding, bom, separator
):
    lines = [line.replace(";", separator) for line in [HEADER, *GOOD_ROWS]]
    if separator == ",":
        lines = [
            HEADER.replace(";", ","),
            *[
                f"{NUMBER_1},Snickarglädje Piteå ek. för.,2581,43.320,"
                '"snickeri, möbler",10,4,ja,ja',
                f"{NUMBER_2},Städglädje Luleå ek. för.,2580,81210,städning,5,1,nej,ja",
            ],
        ]
    response = _import(coordinator_client, _csv(lines, encoding, bom))
    assert "Importerat: 2 nya, 0 ändrade, 0 oförändrade." in response.text
    profile = SocialEnterprise.objects.get(organisation__org_number=NUMBER_1)
    assert profile.organisation.name == "Snickarglädje Piteå ek. för."
    assert profile.eligible_for_reserved_procurement and profile.takes_trainees
    assert sorted(service.name for service in profile.services.all()) == ["möbler", "snickeri"]
    assert [industry.code for industry in profile.industries.all()] == ["43320"]


def test_a_second_import_of_the_same_file_changes_nothing(coordinator_client):
    _import(coordinator_client, _csv([HEADER, *GOOD_ROWS]))
    stamps = list(SocialEnterprise.objects.values_list("updated_at", flat=True))
    history = ProfileChange.objects.count()
    response = _import(coordinator_client, _csv([HEADER, *GOOD_ROWS]))
    assert "Importerat: 0 nya, 0 ändrade, 2 oförändrade." in response.text
    assert list(SocialEnterprise.objects.values_list("updated_at", flat=True)) == stamps
    assert ProfileChange.objects.count() == history


def test_an_import_updates_a_known_company_by_org_number(coordinator_client):
    SocialEnterpriseFactory(
        organisation=OrganisationFactory(name="Gammalt namn", org_number=NUMBER_1)
    )
    response = _import(coordinator_client, _csv([HEADER, GOOD_ROWS[0]]))
    assert "Importerat: 0 nya, 1 ändrade, 0 oförändrade." in response.text
    assert Organisation.objects.get(org_number=NUMBER_1).name == "Snickarglädje Piteå ek. för."


def test_every_bad_row_is_listed_and_nothing_is_imported(coordinator_client):
    rows = [
        HEADER,
        GOOD_ROWS[0],
        "556036-0794;Fel nummer;2581;;;;;ja;ja",
        f"{NUMBER_2};Okänd kommun;9999;99.999;;;;kanske;ja",
        f"{NUMBER_1};Dubblett;2581;;;;;ja;ja",
        f"{fictitious_org_number(903, series='7698')};För många;2581;;;3;5;ja;ja",
    ]
    response = _import(coordinator_client, _csv(rows))
    assert response.status_code == 400
    text = response.text
    assert "Ingenting importerades: 4 rader har fel" in text
    assert "Rad 3: organisationsnummer: 556036-0794 är inte ett giltigt" in text
    assert "Rad 4: kommunkod: Okänd kommunkod ”9999”." in text
    assert "Okänd SNI 2007-kod ”99.999”." in text
    assert "”kanske” är inte ja eller nej." in text
    assert f"Rad 5: organisationsnummer {NUMBER_1} finns också på rad 2" in text
    assert "Rad 6: varav_fran_malgrupp: Kan inte vara fler än antalet anställda (3)." in text
    assert not Organisation.objects.filter(org_number=NUMBER_1).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("namn;telefonnummer\nX;1", "kolumner saknas: organisationsnummer, kommunkod"),
        (None, "Filen är inte text i UTF-8"),
        ("", "Den skickade filen är tom."),
        ("\n\n", "Filen är tom."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(coordinator_client, content, message):
    if content is None:
        upload = SimpleUploadedFile("f.csv", "\n".join([HEADER, *GOOD_ROWS]).encode("utf-16"))
    else:
        upload = SimpleUploadedFile("f.csv", content.encode())
    response = _import(coordinator_client, upload)
    assert response.status_code == 400
    assert message in response.text
    assert not SocialEnterprise.objects.exists()


def test_a_non_enterprise_with_the_number_is_not_turned_into_one(coordinator_client):
    OrganisationFactory(name="Bodens kommun", kind="party", org_number=NUMBER_1)
    response = _import(coordinator_client, _csv([HEADER, GOOD_ROWS[0]]))
    assert "som inte är ett socialt företag" in response.text
    assert Organisation.objects.get(org_number=NUMBER_1).kind == "party"


def test_xlsx_export_imports_back_unchanged(coordinator_client):
    _import(coordinator_client, _csv([HEADER, *GOOD_ROWS]))
    exported = coordinator_client.get("/organisationer/export/sociala-foretag.xlsx")
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["A1"].value == "organisationsnummer"
    response = _import(coordinator_client, SimpleUploadedFile("foretag.xlsx", exported.content))
    assert "Importerat: 0 nya, 0 ändrade, 2 oförändrade." in response.text


def test_csv_export_is_for_excel_and_imports_back_unchanged(coordinator_client):
    _import(coordinator_client, _csv([HEADER, *GOOD_ROWS]))
    exported = coordinator_client.get("/organisationer/export/sociala-foretag.csv")
    assert exported.content.startswith(b"\xef\xbb\xbforganisationsnummer;namn;kommunkod")
    response = _import(coordinator_client, SimpleUploadedFile("f.csv", exported.content))
    assert "Importerat: 0 nya, 0 ändrade, 2 oförändrade." in response.text


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_a_name_that_looks_like_a_formula_is_exported_as_text_and_imports_back(
    coordinator_client, suffix
):
    # Saved by the enterprise in its profile, not imported: an import refuses it.
    row = GOOD_ROWS[0].replace("Snickarglädje", "'=HYPERLINK(1)")
    _import(coordinator_client, _csv([HEADER, row]))
    assert Organisation.objects.get(org_number=NUMBER_1).name.startswith("=HYPERLINK")
    exported = coordinator_client.get(f"/organisationer/export/sociala-foretag.{suffix}")
    if suffix == "csv":
        assert ";'=HYPERLINK(1) Piteå ek. för.;" in exported.content.decode("utf-8-sig")
    else:
        assert load_workbook(io.BytesIO(exported.content)).active["B2"].value.startswith("'=")
    response = _import(coordinator_client, SimpleUploadedFile(f"f.{suffix}", exported.content))
    assert "Importerat: 0 nya, 0 ändrade, 1 oförändrade." in response.text
    assert Organisation.objects.get(org_number=NUMBER_1).name.startswith("=HYPERLINK")


def test_an_xlsx_with_a_bad_row_imports_nothing(coordinator_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["organisationsnummer", "namn", "kommunkod", "grundat_ar"])
    sheet.append([NUMBER_1, "Bra", "2581", 2011])
    sheet.append([NUMBER_2, "Dålig", "2581", "förra året"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _import(coordinator_client, SimpleUploadedFile("f.xlsx", buffer.getvalue()))
    assert "Rad 3: grundat_ar: ”förra året” är inget heltal." in response.text
    assert not SocialEnterprise.objects.exists()


def test_a_broken_xlsx_is_refused(coordinator_client):
    response = _import(coordinator_client, SimpleUploadedFile("f.xlsx", b"PK\x03\x04broken"))
    assert "Filen är ingen Excel-arbetsbok (.xlsx)." in response.text


@pytest.mark.parametrize("role", ["caseworker", "enterprise", "provider", "steering", "outsider"])
def test_only_the_coordinator_imports_and_exports(client, all_personas, role):
    client.force_login(all_personas[role])
    assert client.get("/organisationer/import/").status_code == 403
    assert _import(client, _csv([HEADER, *GOOD_ROWS])).status_code == 403
    assert client.get("/organisationer/export/sociala-foretag.csv").status_code == 403
    assert not SocialEnterprise.objects.exists()


@pytest.mark.parametrize(
    "cell", ["=cmd|' /C calc'!A0", "@SUM(1+1)", "+cmd|x", "-2+3+cmd|x", "\t=1+1", "=HYPERLINK(1)"]
)
def test_a_cell_that_would_run_as_a_formula_is_refused_row_by_row(coordinator_client, cell):
    bad = GOOD_ROWS[1].replace("Städglädje Luleå ek. för.", cell.replace(";", ","))
    response = _import(coordinator_client, _csv([HEADER, GOOD_ROWS[0], bad]))
    assert response.status_code == 400
    assert "Rad 3: namn: " in response.text
    assert "skulle köras som en formel i ett kalkylblad" in response.text
    assert not SocialEnterprise.objects.exists()


def test_a_plain_number_with_a_sign_is_no_formula(coordinator_client):
    header = HEADER + ";telefon;grundat_ar"
    rows = [GOOD_ROWS[0] + ";+46 70 123 45 67;2011", GOOD_ROWS[1] + ";;-5"]
    response = _import(coordinator_client, _csv([header, *rows]))
    assert "formel" not in response.text
    # A negative year is refused for what it is, not as a formula.
    assert "Rad 3: grundat_ar:" in response.text
    response = _import(coordinator_client, _csv([header, rows[0]]))
    assert "Importerat: 1 nya" in response.text
    assert Organisation.objects.get(org_number=NUMBER_1).phone.startswith("+46")


def test_a_formula_in_a_workbook_is_refused(coordinator_client):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["organisationsnummer", "namn", "kommunkod"])
    sheet.append([NUMBER_1, '=HYPERLINK("http://example.test","Klicka")', "2581"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = _import(coordinator_client, SimpleUploadedFile("f.xlsx", buffer.getvalue()))
    assert "Rad 2: namn: " in response.text
    assert "skulle köras som en formel" in response.text
    assert not SocialEnterprise.objects.exists()


def test_a_short_row_that_skips_a_required_column_is_a_row_error(coordinator_client):
    header = "organisationsnummer;namn;antal_anstallda;kommunkod"
    rows = [f"{NUMBER_1};Kort rad ek. för.;4", f"{NUMBER_2};Hel rad ek. för.;5;2581"]
    response = _import(coordinator_client, _csv([header, *rows]))
    assert response.status_code == 400
    assert "Rad 2: raden slutar före kolumnerna kommunkod" in response.text
    assert not SocialEnterprise.objects.exists()


def test_a_row_with_an_unbalanced_quote_is_a_row_error_and_later_rows_are_checked(
    coordinator_client,
):
    number_3 = fictitious_org_number(903, series="7698")
    rows = [
        HEADER,
        GOOD_ROWS[0],
        f'{NUMBER_2};"Öppet citat ek. för.;2580;81210;städning;5;1;nej;ja',
        f"{number_3};Okänd kommun;9999;;;;;ja;ja",
        f'{number_3};"Fel" citat ek. för.;2581;;;;;ja;ja',
    ]
    response = _import(coordinator_client, _csv(rows))
    assert response.status_code == 400
    text = response.text
    assert "Ingenting importerades: 3 rader har fel" in text
    assert "Rad 3: ett citattecken avslutas inte" in text
    assert "Rad 4: kommunkod: Okänd kommunkod ”9999”." in text
    assert "Rad 5: ett citattecken står fel i en cell" in text
    assert not SocialEnterprise.objects.exists()


def test_a_quoted_cell_may_hold_a_line_break(coordinator_client):
    header = HEADER + ";beskrivning"
    row = GOOD_ROWS[0] + ';"Vi bygger möbler.\r\nOch bänkar."'
    response = _import(coordinator_client, _csv([header, row, GOOD_ROWS[1] + ";"]))
    assert "Importerat: 2 nya" in response.text
    profile = SocialEnterprise.objects.get(organisation__org_number=NUMBER_1)
    assert profile.description.splitlines() == ["Vi bygger möbler.", "Och bänkar."]
