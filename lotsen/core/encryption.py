"""Encryption at rest with the data keys of the environment (IDENTITY_ENCRYPTION_KEY).

MultiFernet takes a comma-separated list: the first key encrypts, all keys decrypt, so a
key is rotated without downtime (`rotate_identity_keys` re-encrypts what each app holds).
Participants' identities and the secrets of authenticator apps use it.
"""

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> MultiFernet:
    keys = [key.strip() for key in settings.IDENTITY_ENCRYPTION_KEYS if key.strip()]
    if not keys:
        raise ImproperlyConfigured("IDENTITY_ENCRYPTION_KEY holds no key.")
    return MultiFernet([Fernet(key) for key in keys])


def encrypt(value: str) -> str:
    if not value:
        return ""
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Data cannot be decrypted: is the key in IDENTITY_ENCRYPTION_KEY?"
        ) from error


def rotate(token: str) -> str:
    """Re-encrypt a token with the first (newest) key."""
    return _fernet().rotate(token.encode()).decode() if token else ""
