"""Partner systems: the organisation's service identity, its API keys, stored idempotent writes.

A party's system acts in Lotsen as a caseworker of that party and nothing more: each
party that is given keys gets one service identity, an account that holds only the
caseworker role in the party, cannot sign in, and is the actor of every call made with
the party's keys. The policies of the pilot function then scope the API exactly as they
scope the party's caseworkers (decision 0205).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceIdentity(models.Model):
    """The account a party's systems act as: a caseworker of the party who cannot sign in."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="service_identity",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="service_identity",
        verbose_name=_("account"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("service identity")
        verbose_name_plural = _("service identities")

    def __str__(self) -> str:
        return str(self.organisation)


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, now: datetime.datetime) -> "ApiKeyQuerySet":
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    """A secret a party's system sends as its bearer token; only its SHA-256 is kept.

    The secret is shown once, when the key is made. Its prefix is stored in clear so the
    key can be found without scanning, and named on the keys page and in the audit trail.
    """

    identity = models.ForeignKey(
        ServiceIdentity,
        on_delete=models.PROTECT,
        related_name="api_keys",
        verbose_name=_("service identity"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses the key, e.g. “Case system”.")
    )
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix} ({self.name})"

    @property
    def organisation(self):
        return self.identity.organisation


class IdempotentWrite(models.Model):
    """The answer to a write sent with an `Idempotency-Key`, replayed when it is sent again.

    Kept per service identity, so a party's systems share their keys' namespace whichever
    of its API keys they use, for IDEMPOTENCY_KEY_HOURS (purge_idempotent_writes).
    """

    identity = models.ForeignKey(
        ServiceIdentity, on_delete=models.CASCADE, related_name="idempotent_writes"
    )
    key = models.CharField(max_length=255)
    # SHA-256 of the method, the path and the body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    location = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["identity", "key"], name="idempotent_write_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.identity}: {self.key}"
