"""Settings for the test suite: the real settings with test secrets and fast hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("IDENTITY_ENCRYPTION_KEY", "NXirKL83To3OIsrBZePizZO-LK8eCG-wBHgWtzYP71k=")
os.environ.setdefault("IDENTITY_HASH_KEY", "test-identity-hash-key-only-for-the-test-suite")
os.environ.setdefault("AUDIT_CHAIN_KEY", "test-audit-chain-key-only-for-the-test-suite")

from lotsen.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
AUDIT_CHECKPOINT_DIR = BASE_DIR / "var" / "test-audit-checkpoints"  # noqa: F405
# Tests serve static files through Django's finders, not a collected folder.
STATIC_ROOT = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The flush that ends a transactional test empties the audit trail, which a trigger
    # refuses unless a superuser asks for it in the session (audit migration 0003).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        "-c lotsen.audit_truncate_allowed=on"
    )

# The browser journeys' live server speaks plain HTTP on localhost; WebAuthn allows
# that origin only when told (production has HTTPS).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
