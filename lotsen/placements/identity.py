"""A participant's identity: Swedish identity numbers, encryption at rest, lookup hash.

Identity data (name, personnummer or samordningsnummer, phone, e-mail) is
encrypted with the data keys of the environment (lotsen.core.encryption), which
`rotate_identity_keys` rotates without downtime. The keyed hash (HMAC-SHA256)
of the normalised number finds an already registered person without decrypting
anything; the hash key never leaves the server. The same key, kept apart by a
prefix, hashes each word of the name into a blind index (decision 0157), so a name
is found by exact words without decrypting either.
"""

import datetime
import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum_exceptions
from stdnum import luhn
from stdnum.se import personnummer

# Re-exported: the identity fields and the key rotation use them from here.
from lotsen.core.encryption import decrypt as decrypt
from lotsen.core.encryption import encrypt as encrypt
from lotsen.core.encryption import rotate as rotate

# A samordningsnummer is a personnummer whose day of birth has 60 added.
COORDINATION_NUMBER_DAY_OFFSET = 60


@dataclass(frozen=True)
class IdentityNumber:
    """A validated personnummer or samordningsnummer in its twelve-digit form."""

    digits: str
    birth_date: datetime.date
    is_coordination_number: bool

    def __str__(self) -> str:
        return f"{self.digits[:8]}-{self.digits[8:]}"

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years on `day`."""
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def parse_identity_number(value: str) -> IdentityNumber:
    """Validate a personnummer or samordningsnummer, or raise ValidationError."""
    invalid = ValidationError(
        _("%(value)s is not a valid personnummer or samordningsnummer."),
        code="invalid_identity_number",
        params={"value": value},
    )
    try:
        compact = personnummer.compact(value or "")
    except (stdnum_exceptions.ValidationError, IndexError) as error:
        raise invalid from error
    if len(compact) not in (11, 13) or compact[-5] not in "-+":
        raise invalid
    date_part = compact[:-5]
    if not (date_part + compact[-4:]).isdigit():
        raise invalid
    day = int(date_part[-2:])
    is_coordination = day > COORDINATION_NUMBER_DAY_OFFSET
    if is_coordination:
        # stdnum knows only personnummer: check the date with the real day of birth.
        real_day = f"{day - COORDINATION_NUMBER_DAY_OFFSET:02d}"
        birth_number = date_part[:-2] + real_day + compact[-5:]
    else:
        birth_number = compact
    try:
        birth_date = personnummer.get_birth_date(birth_number)
        # The check digit covers the digits as issued, day plus 60 included.
        luhn.validate(date_part[-6:] + compact[-4:])
    except stdnum_exceptions.ValidationError as error:
        raise invalid from error
    if birth_date > datetime.date.today():
        raise invalid
    digits = f"{birth_date.year:04d}{date_part[-4:]}{compact[-4:]}"
    return IdentityNumber(digits, birth_date, is_coordination)


def lookup_hash(number: IdentityNumber) -> str:
    return hmac.new(
        settings.IDENTITY_HASH_KEY.encode(), number.digits.encode(), hashlib.sha256
    ).hexdigest()


# Hex digits kept of each name word's hash: 128 bits, no collisions in practice.
NAME_HASH_LENGTH = 32
# Distinguishes the hash of a name word from that of an identity number.
NAME_HASH_PREFIX = b"name:"


def name_words(name: str) -> list[str]:
    """The words of a name as compared: case-folded, hyphens and punctuation as spaces."""
    return sorted(set(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", name).casefold())))


def name_word_hash(word: str) -> str:
    return hmac.new(
        settings.IDENTITY_HASH_KEY.encode(), NAME_HASH_PREFIX + word.encode(), hashlib.sha256
    ).hexdigest()[:NAME_HASH_LENGTH]


def name_index(name: str) -> str:
    """The blind index of a name: the hash of every word, separated by spaces."""
    return " ".join(name_word_hash(word) for word in name_words(name))
