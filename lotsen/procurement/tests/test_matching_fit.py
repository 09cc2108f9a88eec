"""How well an enterprise fits an opportunity: the rules of `lotsen.procurement.fit`."""

import csv
from pathlib import Path

import pytest

from lotsen.core.models import Industry
from lotsen.procurement import fit
from lotsen.procurement.models import CpvCode, CpvIndustryLink

CLEANING = fit.Link("90910000", "812", "Städ")
CATERING = fit.Link("55520000", "56", "Catering")


def enterprise(**facts) -> fit.EnterpriseFacts:
    defaults = {
        "id": 1,
        "name": "Städkooperativet",
        "sni": frozenset({"81210"}),
        "municipalities": frozenset({"2580"}),
        "staff_count": 10,
        "staff_from_target_group": 4,
    }
    return fit.EnterpriseFacts(**{**defaults, **facts})


def opportunity(**facts) -> fit.OpportunityFacts:
    defaults = {
        "id": 1,
        "cpv": ("90911200",),
        "municipalities": frozenset({"2580"}),
        "reserved": True,
    }
    return fit.OpportunityFacts(**{**defaults, **facts})


def test_a_link_on_a_cpv_code_covers_every_code_below_it():
    assert fit.cpv_covers("90910000", "90911200")
    assert fit.cpv_covers("90910000", "90910000")
    assert not fit.cpv_covers("90910000", "90920000")
    assert fit.cpv_covers("50000000", "50116000")


def test_a_link_on_an_sni_code_covers_its_children_and_half_covers_its_parent():
    assert fit.sni_value("812", "81210") == 1
    assert fit.sni_value("81210", "81210") == 1
    assert fit.sni_value("81210", "81") == fit.BROADER_SNI_VALUE
    assert fit.sni_value("812", "813") == 0


def test_the_reason_names_the_link_and_both_codes():
    found = fit.fit(opportunity(), enterprise(), [CATERING, CLEANING])
    assert found.fits
    assert found.best_trade == fit.TradeMatch("90911200", "81210", CLEANING, 1.0)


def test_an_additional_cpv_code_can_make_the_fit():
    found = fit.fit(
        opportunity(cpv=("45000000", "55524000")),
        enterprise(sni=frozenset({"56290"})),
        [CLEANING, CATERING],
    )
    assert found.best_trade.link == CATERING
    assert found.best_trade.opportunity_cpv == "55524000"


def test_an_enterprise_that_sells_something_else_does_not_fit():
    assert not fit.fit(opportunity(), enterprise(sni=frozenset({"56290"})), [CLEANING]).fits


@pytest.mark.parametrize(
    ("staff", "target", "status", "share"),
    [
        (10, 4, fit.Status.MEETS, 40),
        (10, 3, fit.Status.MEETS, 30),
        (10, 2, fit.Status.FAILS, 20),
        (None, None, fit.Status.UNKNOWN, None),
        (10, None, fit.Status.UNKNOWN, None),
    ],
)
def test_the_30_per_cent_rule_of_reserved_contracts(staff, target, status, share):
    check = fit.reserved_check(
        opportunity(), enterprise(staff_count=staff, staff_from_target_group=target)
    )
    assert (check.status, check.share) == (status, share)


def test_the_30_per_cent_rule_does_not_apply_to_an_open_contract():
    check = fit.reserved_check(opportunity(reserved=False), enterprise(staff_from_target_group=0))
    assert check.status == fit.Status.NOT_APPLICABLE


def test_the_place_is_met_by_a_municipality_served():
    found = fit.fit(
        opportunity(municipalities=frozenset({"2580", "2581"})),
        enterprise(municipalities=frozenset({"2581", "2582"})),
        [CLEANING],
    )
    assert (found.place_status, found.places) == (fit.Status.MEETS, ("2581",))
    elsewhere = fit.fit(opportunity(), enterprise(municipalities=frozenset({"2582"})), [CLEANING])
    assert elsewhere.place_status == fit.Status.FAILS
    assert elsewhere.score < found.score


def test_an_unknown_place_or_staff_leaves_its_weight_out():
    found = fit.fit(
        opportunity(municipalities=frozenset()),
        enterprise(staff_count=None, staff_from_target_group=None),
        [CLEANING],
    )
    assert found.place_status == fit.Status.NOT_APPLICABLE
    assert found.capacity_value is None
    assert found.score == 1.0


def test_ranking_puts_the_30_per_cent_rule_before_the_score():
    big_but_failing = enterprise(id=1, name="Stora", staff_count=40, staff_from_target_group=4)
    small_meeting = enterprise(id=2, name="Lilla", staff_count=3, staff_from_target_group=2)
    unknown = enterprise(id=3, name="Okända", staff_count=None, staff_from_target_group=None)
    other_trade = enterprise(id=4, name="Köket", sni=frozenset({"56290"}))
    ranked = fit.rank_enterprises(
        opportunity(), [big_but_failing, unknown, other_trade, small_meeting], [CLEANING]
    )
    assert [each.enterprise.name for each in ranked] == ["Lilla", "Okända", "Stora"]


def test_ranking_opportunities_gives_the_best_of_the_enterprises():
    cleaning, catering = opportunity(id=1), opportunity(id=2, cpv=("55520000",))
    chef = enterprise(id=9, name="Köket", sni=frozenset({"56210"}))
    best = fit.rank_opportunities([cleaning, catering], [enterprise(), chef], [CLEANING, CATERING])
    assert [each.enterprise.name for each in best] == ["Städkooperativet", "Köket"]
    assert fit.rank_opportunities([cleaning], [], [CLEANING]) == [None]


DATA = Path(__file__).resolve().parents[1] / "data" / "cpv_sni.csv"


@pytest.mark.django_db
def test_the_starting_correspondence_names_only_codes_that_exist_and_is_loaded():
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    cpv = {row["cpv"] for row in rows}
    sni = {row["sni"].replace(".", "") for row in rows}
    assert set(CpvCode.objects.filter(code__in=cpv).values_list("code", flat=True)) == cpv
    assert set(Industry.objects.filter(code__in=sni).values_list("code", flat=True)) == sni
    assert CpvIndustryLink.objects.filter(cpv="90900000", industry="812").exists()
    assert CpvIndustryLink.objects.count() == len(rows)


def test_a_service_the_enterprise_names_in_its_own_words_is_a_fit_without_a_link():
    windows = enterprise(sni=frozenset(), services=frozenset({"fönsterputs", "catering"}))
    asked = opportunity(text="fönsterputs på tre förskolor varje vår och höst")
    found = fit.fit(asked, windows, [CLEANING])
    assert found.fits
    assert found.trade == ()
    assert found.services == ("fönsterputs",)
    assert found.score > 0


def test_a_service_the_opportunity_does_not_name_is_no_fit():
    bakery = enterprise(sni=frozenset(), services=frozenset({"bröd"}))
    assert not fit.fit(opportunity(text="lokalvård"), bakery, [CLEANING]).fits


def test_the_reasons_name_the_services_in_swedish(db):
    from django.utils import translation

    from lotsen.procurement.matching import explain

    windows = enterprise(sni=frozenset(), services=frozenset({"fönsterputs"}))
    found = fit.fit(opportunity(text="fönsterputs", reserved=False), windows, [])
    with translation.override("sv"):
        (reasons,) = explain([found])
    assert reasons[0].text == "Nämner en tjänst som affärsmöjligheten efterfrågar: fönsterputs."
    assert reasons[0].status == fit.Status.MEETS
