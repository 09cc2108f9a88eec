from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from lotsen.accounts.tests.factories import current_code, enrol_authenticator_app

from .. import identity
from ..models import ParticipantIdentity
from .factories import identity_number, register


def test_a_personnummer_is_accepted_and_stored_with_twelve_digits():
    number = identity.parse_identity_number(identity_number("850312", "123"))
    assert str(number) == "19850312-" + number.digits[8:]
    assert number.birth_date.year == 1985
    assert not number.is_coordination_number


def test_a_twelve_digit_personnummer_is_accepted():
    short = identity_number("850312", "456")
    number = identity.parse_identity_number("19" + short)
    assert number.digits == "19" + short.replace("-", "")


def _wrong_check_digit(valid: str) -> str:
    return valid[:-1] + str((int(valid[-1]) + 1) % 10)


@pytest.mark.parametrize(
    "value",
    [
        _wrong_check_digit(identity_number("850312", "123")),
        identity_number("851332", "123"),  # month 13
        "abc",
        "",
        "85031-12345",
        "8503121234567",
    ],
)
def test_an_invalid_personnummer_is_refused(value):
    with pytest.raises(ValidationError) as error:
        identity.parse_identity_number(value)
    assert error.value.code == "invalid_identity_number"


def test_a_samordningsnummer_is_accepted_with_the_real_birth_date():
    # Born 12 March 1985: the samordningsnummer carries day 72.
    number = identity.parse_identity_number(identity_number("850372", "234"))
    assert number.is_coordination_number
    assert number.birth_date.isoformat() == "1985-03-12"
    assert number.digits.startswith("19850372")


def test_stdnum_alone_refuses_a_samordningsnummer():
    from stdnum.se import personnummer

    assert not personnummer.is_valid(identity_number("850372", "234"))


def test_a_samordningsnummer_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError):
        identity.parse_identity_number(_wrong_check_digit(identity_number("850372", "234")))


def test_a_samordningsnummer_with_an_impossible_day_is_refused():
    # Day 92 would be 32 March.
    with pytest.raises(ValidationError):
        identity.parse_identity_number(identity_number("850392", "234"))


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        identity.parse_identity_number("2099" + identity_number("990101", "123")[2:])


def test_identity_is_encrypted_at_rest(caseworker):
    participant = register(caseworker, name="Hemlig Person")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name_encrypted, identity_number_encrypted FROM placements_participantidentity"
        )
        stored = " ".join(cursor.fetchone())
    assert "Hemlig" not in stored
    record = ParticipantIdentity.objects.get(participant=participant)
    assert record.name == "Hemlig Person"
    assert record.identity_number.startswith("1985")


def test_the_lookup_hash_is_keyed(settings):
    number = identity.parse_identity_number(identity_number("850312", "777"))
    first = identity.lookup_hash(number)
    settings.IDENTITY_HASH_KEY = "another-key"
    assert identity.lookup_hash(number) != first
    assert number.digits not in first


def test_keys_rotate_without_losing_data(caseworker, settings):
    participant = register(caseworker, name="Rotera Mig")
    old_key = settings.IDENTITY_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_identity_keys", stdout=StringIO())
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key]
    assert ParticipantIdentity.objects.get(participant=participant).name == "Rotera Mig"


def test_authenticator_secrets_rotate_with_the_identities(caseworker, settings):
    secret = enrol_authenticator_app(caseworker)
    RecoveryCodes.activate(caseworker)
    old_key = settings.IDENTITY_ENCRYPTION_KEYS[0]
    settings.IDENTITY_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old_key]
    call_command("rotate_identity_keys", stdout=StringIO())
    settings.IDENTITY_ENCRYPTION_KEYS = settings.IDENTITY_ENCRYPTION_KEYS[:1]
    totp = TOTP(Authenticator.objects.get(user=caseworker, type=Authenticator.Type.TOTP))
    assert totp.validate_code(current_code(secret))
    codes = Authenticator.objects.get(user=caseworker, type=Authenticator.Type.RECOVERY_CODES)
    assert len(RecoveryCodes(codes).get_unused_codes()) == 10
