"""Exact money arithmetic in Swedish kronor: Decimal throughout, rounded to öre.

Amounts are never floats. Every stored amount has two decimals; a computed
amount (VAT, a share of the pot) is rounded to öre half up, as Swedish
accounting does, once, where it is computed.
"""

from decimal import ROUND_HALF_UP, Decimal

ORE = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")


def to_ore(value: Decimal | int) -> Decimal:
    """Round an amount to whole öre, half up (0.005 → 0.01)."""
    return Decimal(value).quantize(ORE, rounding=ROUND_HALF_UP)


def vat_amount(net: Decimal, rate_percent: Decimal | int) -> Decimal:
    """The VAT on a net amount at a rate in percent, rounded to öre."""
    return to_ore(Decimal(net) * Decimal(rate_percent) / HUNDRED)


def share_percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """The part's share of the whole in percent with one decimal; None when the whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def per_unit(amount: Decimal, count: Decimal | int) -> Decimal | None:
    """An amount divided by a count, rounded to öre; None when nothing was counted."""
    if not count:
        return None
    return to_ore(Decimal(amount) / Decimal(count))


def format_kronor(value: Decimal | None) -> str:
    """An amount as people read it in the current language: 12 500,63 kr."""
    from django.template.defaultfilters import floatformat

    if value is None:
        return "–"
    return f"{floatformat(value, '2g')}\u00a0kr"
