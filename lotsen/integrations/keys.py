"""API key secrets: made from 256 random bits, kept only as SHA-256, found by their prefix.

A secret reads `lotsen_<prefix>_<secret>`. A fast hash is enough: the secret is random,
not a password a person chose, so no dictionary or slow hash helps an attacker who reads
the table (decision 0205). The comparison is constant-time.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

SCHEME = "lotsen"
PREFIX_BYTES = 6
SECRET_BYTES = 32


@dataclass(frozen=True)
class NewSecret:
    prefix: str
    secret: str

    @property
    def hash(self) -> str:
        return secret_hash(self.secret)


def secret_new() -> NewSecret:
    prefix = secrets.token_hex(PREFIX_BYTES)
    return NewSecret(
        prefix=prefix, secret=f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    )


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def prefix_of(secret: str) -> str | None:
    """The prefix of a well-formed secret, or None."""
    scheme, _, rest = secret.partition("_")
    prefix, _, tail = rest.partition("_")
    if scheme != SCHEME or len(prefix) != 2 * PREFIX_BYTES or not tail:
        return None
    return prefix


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(secret), stored_hash)
