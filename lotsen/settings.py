"""Settings for Lotsen, read from the environment.

Everything that differs between a developer's laptop and production is an
environment variable; the table in README.md lists them. With DEBUG off the
project refuses to start unless the secrets are set.
"""

import json
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_json(name: str, default):
    value = os.environ.get(name)
    return json.loads(value) if value else default


def env_secret(name: str, development_value: str) -> str:
    """Return a secret; outside DEBUG it must come from the environment."""
    value = os.environ.get(name)
    if value:
        return value
    if DEBUG:
        return development_value
    raise ImproperlyConfigured(f"The environment variable {name} must be set when DEBUG is off.")


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY", "development-only-secret-key-never-use-in-production")
# Old signing keys still accepted while SECRET_KEY is rotated: sessions and links signed
# with them stay valid until they expire (docs/operations.md, "Rotating keys").
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable ALLOWED_HOSTS must be set when DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Participants' identity data (lotsen.placements.identity): Fernet keys, newest
# first, comma-separated so an old key still decrypts during rotation; and the
# key of the lookup hash. Both are secrets like SECRET_KEY.
IDENTITY_ENCRYPTION_KEYS = env_secret(
    "IDENTITY_ENCRYPTION_KEY", "o9ODN1iOwkDIsa1ZoAMQpB50_SjctWYoTiWtrndx-UE="
).split(",")
IDENTITY_HASH_KEY = env_secret("IDENTITY_HASH_KEY", "development-only-identity-hash-key")
# The audit trail (lotsen.audit): the HMAC key of its chain and of its checkpoints, kept
# outside the database so that not even its owner can rewrite history unnoticed
# (decision 0182); and the folder of the append-only checkpoint file.
AUDIT_CHAIN_KEY = env_secret("AUDIT_CHAIN_KEY", "development-only-audit-chain-key")
AUDIT_CHECKPOINT_DIR = Path(
    env_str("AUDIT_CHECKPOINT_DIR", str(BASE_DIR / "var" / "audit-checkpoints"))
)
# How long identity data is kept after a participant's last episode ends (gallring).
IDENTITY_RETENTION_DAYS = env_int("IDENTITY_RETENTION_DAYS", 730)
# Look-ups by personnummer a user may make in a window of so many seconds; each one is
# audited, and the next is refused until the window ends (decision 0170).
IDENTITY_LOOKUP_LIMIT = env_int("IDENTITY_LOOKUP_LIMIT", 20)
IDENTITY_LOOKUP_WINDOW_SECONDS = env_int("IDENTITY_LOOKUP_WINDOW_SECONDS", 600)

# The partner API (lotsen.integrations, decision 0205): the calls one API key may make,
# in DRF's "number/period" notation (empty turns the limit off), and how long the answer
# to a write sent with an Idempotency-Key is kept and replayed.
PARTNER_API_RATE = env_str("PARTNER_API_RATE", "120/minute")
IDEMPOTENCY_KEY_HOURS = env_int("IDEMPOTENCY_KEY_HOURS", 24)

# The placement pipeline (lotsen.placements.pipeline), in Swedish working days: a step
# unanswered this long gets a reminder; as long again after the reminder, the coordinator
# is alerted; a proposal unanswered for the last number is withdrawn (decision 0140).
PLACEMENT_REMINDER_WORKING_DAYS = env_int("PLACEMENT_REMINDER_WORKING_DAYS", 3)
PLACEMENT_ESCALATION_WORKING_DAYS = env_int("PLACEMENT_ESCALATION_WORKING_DAYS", 3)
PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS = env_int("PLACEMENT_PROPOSAL_EXPIRY_WORKING_DAYS", 15)

# Links in e-mail. Without SITE_URL they point at the development server, on the
# port `make run` serves (PORT).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

# The county the support structure serves, by its official code (25 is Norrbotten):
# the municipalities offered in forms and on the effect dashboard are those in it.
HOME_COUNTY_CODE = env_str("HOME_COUNTY_CODE", "25")
# Open Contracting ids are this prefix, registered with the Open Contracting Partnership
# for production, then the opportunity's number (decision 0198).
OCDS_OCID_PREFIX = env_str("OCDS_OCID_PREFIX", "ocds-lotsen")

INSTALLED_APPS = [
    "lotsen.core",
    "lotsen.scheduling",
    "lotsen.organisations",
    "lotsen.accounts",
    "lotsen.audit",
    "lotsen.support",
    "lotsen.events",
    "lotsen.surveys",
    "lotsen.knowledge",
    "lotsen.placements",
    # The parties' systems: API keys, idempotent writes (the partner API, decision 0205).
    "lotsen.integrations",
    "lotsen.procurement",
    "lotsen.funding",
    "lotsen.matching",
    # Effect measurement reads every app above; it comes last of them.
    "lotsen.impact",
    "lotsen.socioeconomics",
    "lotsen.yearly_report",
    "lotsen.opendata",
    "lotsen.federation",
    # The public read API serves what the apps above publish.
    "lotsen.api",
    # A participant's own page reads the pilot function and signs in through the federation.
    "lotsen.my_page",
    # The demo world seeds every app above; nothing depends on it.
    "lotsen.demo",
    "lotsen.core.admin_config.LotsenAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    # First, so that the static files WhiteNoise answers carry the header too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML exchange's own session, in a cookie that the identity provider's
    # cross-site POST back to Lotsen still carries (lotsen.federation).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "lotsen.core.middleware.PreferredLanguageMiddleware",
    # Cross-origin reads of the public API only (CORS_URLS_REGEX); outside the API's own
    # middleware, so that its problem details carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # Under /api/: the language of Accept-Language, problem+json for every error answered
    # by the layers below it, and conditional GET (lotsen.api, decision 0204).
    "lotsen.api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "lotsen.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "lotsen.core.middleware.BadInputMiddleware",
    "lotsen.accounts.middleware.SessionLimitsMiddleware",
    "lotsen.accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lotsen.core.middleware.RequestLogMiddleware",
]

ROOT_URLCONF = "lotsen.urls"
WSGI_APPLICATION = "lotsen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotsen.core.context_processors.site",
            ],
        },
    },
]

# SQLite is the embedded default; DATABASE_URL selects PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'lotsen.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    # Single sign-on over SAML (lotsen.federation): links to existing users only.
    "lotsen.federation.saml.LinkingSaml2Backend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Signing in (django-allauth, decision 0188). Accounts are made by a coordinator or an
# administrator, never by signing up; the e-mail address is the login.
ACCOUNT_ADAPTER = "lotsen.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "lotsen.accounts.adapter.SecondFactorAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL
ACCOUNT_CHANGE_EMAIL = False
# Mail on every change of password or second factor; the sign-in mail is our own.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Lotsen: "
# A sensitive action asks again for password and second factor after five minutes.
ACCOUNT_REAUTHENTICATION_TIMEOUT = env_int("REAUTHENTICATION_SECONDS", 300)
# Failed sign-ins are limited per address and per account (ASVS 2.2.1), in the shared
# cache, so every app server counts the same attempts.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
}
# Behind nginx the client's address is the last one the trusted proxies added.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_FORMS = {"login": "lotsen.accounts.forms.LoginForm"}
MFA_FORMS = {
    "authenticate": "lotsen.accounts.forms.AuthenticateForm",
    "reauthenticate": "lotsen.accounts.forms.ReauthenticateForm",
    "activate_totp": "lotsen.accounts.forms.ActivateTOTPForm",
}
# Addresses are entered by the coordinator or administrator who makes the account, and
# allauth's own address verification is not used; enrolment must not wait for it.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Lotsen"
# A code is accepted one 30-second step early or late (RFC 6238 §5.2): a phone's clock
# that drifts, or a code typed as it turns, still works. Each code works once.
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODES_SHOW_ONCE = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = True
SOCIALACCOUNT_ONLY = False
# Roles that see people: signed out after so many idle minutes, and so many hours after
# signing in, whatever they do (decision 0188).
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_ABSOLUTE_HOURS = env_int("SESSION_ABSOLUTE_HOURS", 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Swedish first, English complete; the translation layer is ready for the
# national minority languages of the area (Finnish, Meänkieli, Sami).
LANGUAGE_CODE = "sv"
# Each language is named in itself, as the language switch shows it.
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "lotsen_language"
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
# Dates and numbers as each language writes them (lotsen/formats/<language>/formats.py).
# Thousands are grouped where a template or the code asks for it (floatformat "g",
# number_format(force_grouping=True)), never by default: a year or an id is no amount.
FORMAT_MODULE_PATH = ["lotsen.formats"]
USE_THOUSAND_SEPARATOR = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Uploads are never served at MEDIA_URL: views check the policy and answer through
# lotsen.core.uploads.serve_file. With nginx, set the prefix of its internal location
# and the views answer with X-Accel-Redirect instead of streaming (docs/operations.md).
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
PROTECTED_MEDIA_ACCEL_PREFIX = env_str("PROTECTED_MEDIA_ACCEL_PREFIX", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Several app servers behind a proxy share state through the database and the
# cache, never through local memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work goes through the tasks API. Development runs tasks at once;
# production stores them in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Lotsen <noreply@lotsen.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where reports of accessibility problems and other contact go.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "samordnare@lotsen.test")
# Who publishes the open data, as the open data catalogue names it to Sweden's data
# portal (decision 0206): the coordination association and its organisation number.
OPEN_DATA_PUBLISHER = env_str("OPEN_DATA_PUBLISHER", "Samordningsförbundet Södra Norrbotten")
OPEN_DATA_PUBLISHER_ORG_NUMBER = env_str("OPEN_DATA_PUBLISHER_ORG_NUMBER", "")

# Single sign-on for the parties' staff (lotsen.federation, decision 0190); off unless
# configured. SAML: the federation's metadata, by URL or file, is trusted only when its
# signature verifies with the federation's certificate; of its identity providers only
# those in FEDERATION_SAML_IDPS are accepted, as JSON:
# {"<entity id>": {"name": "Piteå kommun", "assurance": ["<AuthnContextClassRef>", …]}},
# where a listed assurance level counts as the second factor. The attribute named by
# FEDERATION_SAML_LINK_ATTRIBUTE links the person to an existing user's e-mail address.
FEDERATION_SAML_METADATA_URL = env_str("FEDERATION_SAML_METADATA_URL")
FEDERATION_SAML_METADATA_FILE = env_str("FEDERATION_SAML_METADATA_FILE")
FEDERATION_SAML_METADATA_CERT = env_str("FEDERATION_SAML_METADATA_CERT")
FEDERATION_SAML_METADATA_MAX_AGE = env_int("FEDERATION_SAML_METADATA_MAX_AGE", 3600)
FEDERATION_SAML_IDPS = env_json("FEDERATION_SAML_IDPS", {})
FEDERATION_SAML_ENTITY_ID = env_str("FEDERATION_SAML_ENTITY_ID", f"{SITE_URL}/inloggning/saml/")
FEDERATION_SAML_LINK_ATTRIBUTE = env_str("FEDERATION_SAML_LINK_ATTRIBUTE", "mail")
# Lotsen's own key pair, published in its metadata; the federation usually requires one.
FEDERATION_SAML_KEY_FILE = env_str("FEDERATION_SAML_KEY_FILE")
FEDERATION_SAML_CERT_FILE = env_str("FEDERATION_SAML_CERT_FILE")
# djangosaml2: the configuration is built from the settings above, and a person is only
# ever linked to an existing user, never created.
SAML_CONFIG_LOADER = "lotsen.federation.saml.sp_config"
SAML_CREATE_UNKNOWN_USER = False
SAML_DJANGO_USER_MAIN_ATTRIBUTE = "email"
SAML_DJANGO_USER_MAIN_ATTRIBUTE_LOOKUP = "__iexact"
SAML_SESSION_COOKIE_NAME = "lotsen_saml"
# The identity provider is asked by redirect, so no page of Lotsen needs the POST
# binding's script and the content security policy stays as it is.
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
SAML_CSP_HANDLER = ""
# OpenID Connect (allauth's openid_connect provider): brokers of e-legitimation and the
# parties' own providers, as JSON: [{"id": "freja", "name": "Freja eID", "client_id": …,
# "secret": …, "issuer": "https://…", "acr_values": [ask for these], "assurance": [acr
# values that count as the second factor], "link_claim": "email"}] (docs/operations.md).
FEDERATION_OIDC_PROVIDERS = env_json("FEDERATION_OIDC_PROVIDERS", [])
# The demo world's stand-in for a broker of e-legitimation, signing participants in to
# Mina sidor (lotsen/demo/identity_provider.py, decision 0203); never without DEBUG.
DEMO_IDENTITY_PROVIDER = DEBUG and env_bool("DEMO_IDENTITY_PROVIDER", True)


def demo_identity_provider(site_url: str) -> dict:
    """The demo provider's entry, for the Lotsen served at `site_url`."""
    loa3 = "http://id.elegnamnden.se/loa/1.0/loa3"
    return {
        "id": "demo-e-legitimation",
        "name": "Demo-BankID",
        "client_id": "lotsen-demo",
        "secret": "lotsen-demo-e-legitimation-secret-not-for-production",
        "issuer": f"{site_url}/demo/e-legitimation",
        "acr_values": [loa3],
        "assurance": [loa3],
        "participants": True,
    }


if DEMO_IDENTITY_PROVIDER:
    FEDERATION_OIDC_PROVIDERS = [*FEDERATION_OIDC_PROVIDERS, demo_identity_provider(SITE_URL)]
SOCIALACCOUNT_ADAPTER = "lotsen.federation.adapter.FederationSocialAccountAdapter"

# Visitors' registrations for events are erased this many days after the event ends.
EVENTS_VISITOR_DATA_RETENTION_DAYS = env_int("EVENTS_VISITOR_DATA_RETENTION_DAYS", 30)

# Security. Behind a TLS-terminating proxy in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = []

# The browser features Lotsen never uses are off for its pages and anything they embed
# (decision 0207). Passkeys (WebAuthn through allauth.mfa) stay on for Lotsen itself.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "ambient-light-sensor",
            "autoplay",
            "bluetooth",
            "browsing-topics",
            "camera",
            "clipboard-read",
            "compute-pressure",
            "digital-credentials-create",
            "digital-credentials-get",
            "display-capture",
            "encrypted-media",
            "gamepad",
            "geolocation",
            "gyroscope",
            "hid",
            "identity-credentials-get",
            "idle-detection",
            "interest-cohort",
            "local-fonts",
            "magnetometer",
            "microphone",
            "midi",
            "otp-credentials",
            "payment",
            "picture-in-picture",
            "private-state-token-issuance",
            "private-state-token-redemption",
            "screen-wake-lock",
            "serial",
            "shared-storage",
            "shared-storage-select-url",
            "speaker-selection",
            "usb",
            "window-management",
            "xr-spatial-tracking",
        )
    },
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}

# No inline script anywhere; everything comes from our own origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The API (lotsen.api, decision 0204). Nothing is allowed unless a view says so: the
# public read views allow anyone, the partner API authenticates with its own classes.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lotsen.api.problems.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["lotsen.api.throttling.PublicReadThrottle"],
    # The client address a rate limit counts: the one the last trusted proxy saw, never a
    # X-Forwarded-For the client wrote itself (the same count as allauth's limits).
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
    "PAGE_SIZE": 50,
    "DEFAULT_PAGINATION_CLASS": "lotsen.api.pagination.PageNumberPagination",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Requests a visitor's address may make to the public read API, per period (DRF's
# "number/period" notation); empty turns the limit off.
API_PUBLIC_RATE = env_str("API_PUBLIC_RATE", "600/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotsen API",
    "DESCRIPTION": "Lotsen's public data: social enterprises, events, knowledge, "
    "procurement opportunities and awards, and public statistics (docs/api.md).",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI and Redoc come from drf-spectacular-sidecar, served from our own origin.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Deep links put a link inside each operation's button, which WCAG forbids (nested
    # interactive controls); the page is short enough to do without them.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"HiddenReasonEnum": "lotsen.api.serializers.HIDDEN_REASONS"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lotsen.api.schema.add_problem_responses",
        "lotsen.integrations.schema.add_partner_responses",
    ],
}
# Anyone may read the public API from a page of another origin, without credentials;
# the partner API under /api/v1/partner/ is for servers and sends no CORS headers.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/api/v1/(?!partner/).*$"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
# A browser asks first before sending the conditional headers from another origin.
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Deprecation", "Sunset", "Link")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "lotsen.core.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
