"""Validation and normalisation of Swedish identifiers and phone numbers.

Each function returns the stored form or raises ValidationError with a code
and a message in the user's language.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum import luhn
from stdnum.se import orgnr


def normalise_org_number(value: str) -> str:
    """Return an organisation number as NNNNNN-NNNN, or raise ValidationError."""
    try:
        compact = orgnr.validate(value)
    except stdnum_exceptions.ValidationError as error:
        raise ValidationError(
            _("%(value)s is not a valid Swedish organisation number (NNNNNN-NNNN)."),
            code="invalid_org_number",
            params={"value": value},
        ) from error
    return orgnr.format(compact)


def normalise_phone_number(value: str) -> str:
    """Return a phone number in E.164 form (+46…), or raise ValidationError."""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(
            _("%(value)s is not a phone number."), code="invalid_phone", params={"value": value}
        ) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("%(value)s is not a valid phone number."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone_number(value: str) -> str:
    """Show a stored E.164 number the Swedish way (national form for +46)."""
    if not value:
        return ""
    number = phonenumbers.parse(value, "SE")
    if number.country_code == 46:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def fictitious_org_number(serial: int, series: str = "7696") -> str:
    """A valid organisation number for demo and test data, in a series no real body uses."""
    base = f"{series}{serial:05d}"
    return orgnr.format(base + luhn.calc_check_digit(base))
