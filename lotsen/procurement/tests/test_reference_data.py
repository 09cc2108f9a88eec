"""CPV 2008 and the direct-award limits are in every database from its migrations."""

import datetime
from decimal import Decimal

from lotsen.procurement import codelists
from lotsen.procurement.models import CpvCode, DirectAwardLimit
from lotsen.procurement.models.reference import cpv_level


def test_the_whole_vocabulary_is_loaded_without_the_row_that_is_no_code(db):
    assert CpvCode.objects.count() == 9454
    assert not CpvCode.objects.filter(code="00000004").exists()
    assert CpvCode.objects.filter(level="division").count() == 45


def test_each_code_hangs_under_the_nearest_code_above_it(db):
    cleaning = CpvCode.objects.get(code="90911200")
    assert cleaning.parent_id == "90911000"
    assert cleaning.parent.parent_id == "90910000"
    assert CpvCode.objects.filter(parent=None).count() == 45


def test_a_social_service_has_its_official_swedish_label_and_others_their_english(db):
    social = CpvCode.objects.get(code="75121000")
    assert social.label == "Utbildningsadministration"
    cleaning = CpvCode.objects.get(code="90910000")
    assert cleaning.name_sv == ""
    assert cleaning.label == cleaning.name


def test_levels_follow_the_trailing_zeros():
    assert [cpv_level(code) for code in ("90000000", "90900000", "90910000", "90911000")] == [
        "division",
        "group",
        "class",
        "category",
    ]
    assert cpv_level("90911200") == "subcategory"


def test_the_direct_award_limit_is_the_one_in_force_on_the_day(db):
    assert DirectAwardLimit.objects.on(datetime.date(2022, 2, 1), "LOU") == Decimal(700000)
    assert DirectAwardLimit.objects.on(datetime.date(2022, 1, 31), "LOU") is None
    DirectAwardLimit.objects.create(act="LOU", valid_from=datetime.date(2030, 1, 1), amount=900000)
    assert DirectAwardLimit.objects.on(datetime.date(2030, 1, 1), "LOU") == Decimal(900000)
    assert DirectAwardLimit.objects.on(datetime.date(2029, 12, 31), "LOU") == Decimal(700000)


def test_the_eforms_lists_speak_the_visitors_language():
    from django.utils import translation

    with translation.override("sv"):
        assert codelists.label(codelists.CONTRACT_NATURE, "services") == "Tjänster"
    with translation.override("en"):
        assert codelists.label(codelists.CONTRACT_NATURE, "services") == "Services"
    assert set(codelists.codelist(codelists.RESERVED_PARTICIPATION)) == {
        "none",
        "res-pub-ser",
        "res-ws",
    }
