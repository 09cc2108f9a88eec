"""The arithmetic, checked against amounts worked out by hand."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotsen.funding.money import per_unit, share_percent, to_ore, vat_amount


@pytest.mark.parametrize(
    ("net", "rate", "vat"),
    [
        ("1000.00", 25, "250.00"),
        ("99.99", 25, "25.00"),  # 24.9975 rounds up to 25.00
        ("10.02", 25, "2.51"),  # 2.505 rounds half up
        ("10.01", 25, "2.50"),  # 2.5025 rounds down
        ("4850.00", 12, "582.00"),
        ("333.33", 6, "20.00"),  # 19.9998
        ("12345.67", 0, "0.00"),
    ],
)
def test_vat_is_rounded_to_ore_half_up(net, rate, vat):
    assert vat_amount(Decimal(net), rate) == Decimal(vat)


def test_rounding_to_ore_is_half_up_not_bankers():
    assert to_ore(Decimal("0.125")) == Decimal("0.13")
    assert to_ore(Decimal("0.135")) == Decimal("0.14")
    assert to_ore(Decimal("2.004")) == Decimal("2.00")


def test_shares_are_percent_with_one_decimal():
    assert share_percent(Decimal("400000"), Decimal("1600000")) == Decimal("25.0")
    assert share_percent(1, 3) == Decimal("33.3")
    assert share_percent(2, 3) == Decimal("66.7")
    assert share_percent(1, 0) is None


def test_a_cost_per_unit_is_rounded_to_ore_and_absent_without_a_count():
    assert per_unit(Decimal("1000.00"), 3) == Decimal("333.33")
    assert per_unit(Decimal("2000.00"), 3) == Decimal("666.67")
    assert per_unit(Decimal("1000.00"), 0) is None


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 6, 12, 25]),
)
def test_vat_always_has_two_decimals_and_stays_within_half_an_ore(net, rate):
    vat = vat_amount(net, rate)
    assert vat.as_tuple().exponent == -2
    assert abs(vat - net * rate / 100) <= Decimal("0.005")
