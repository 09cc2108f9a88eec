"""The append-only, hash-chained audit trail of personal data (DESIGN §3).

Each event stores the hash of the one before it, so changing or removing a
row breaks the chain and `verify_audit_trail` finds where. The hash is an
HMAC under `AUDIT_CHAIN_KEY`, a key kept outside the database, so whoever can
write to the table still cannot forge a chain that verifies (decision 0182).
Events name the object by type and id and a pseudonymous label, never by a
person's name.
"""

import hashlib
import hmac
import json

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def visible_to(self, user) -> "AuditEventQuerySet":
        from . import policies

        return policies.events_visible_to(user, self)

    def about(self, label: str) -> "AuditEventQuerySet":
        """Events about one person, named by their pseudonymous label, oldest first."""
        return self.filter(object_label=label).order_by("occurred_at", "id")

    def update(self, **kwargs):
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    # How `hash` is computed. Events written before the keyed chain keep their plain
    # SHA-256 and verify as before; they may only precede the first keyed event.
    CHAIN_SHA256 = 1
    CHAIN_HMAC = 2

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Created")
        CHANGE = "change", _("Changed")
        EXPORT = "export", _("Exported")
        ERASE = "erase", _("Erased")
        DENIED = "denied", _("Access refused")
        SIGN_IN = "sign_in", _("Signed in")

    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    # A pseudonymous label such as a participant code; never a name or personnummer.
    object_label = models.CharField(_("object"), max_length=200, blank=True)
    reason = models.CharField(_("why"), max_length=300, blank=True)
    previous_hash = models.CharField(max_length=64)
    chain_version = models.PositiveSmallIntegerField(default=CHAIN_HMAC)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            # The review page filters on the object and on the actor.
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "occurred_at"], name="audit_actor_time"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_id}"
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit events cannot be deleted.")

    @property
    def explanation(self) -> str:
        """The reason in the active language (the stored English stays in the chain)."""
        from .reasons import explain

        return explain(self.reason)

    @property
    def object_type_display(self) -> str:
        """The kind of object in the active language, e.g. "participant" for its model."""
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type

    def compute_hash(self) -> str:
        content = self._chained_content()
        if self.chain_version == self.CHAIN_SHA256:
            return hashlib.sha256(content).hexdigest()
        return hmac.new(settings.AUDIT_CHAIN_KEY.encode(), content, hashlib.sha256).hexdigest()

    def _chained_content(self) -> bytes:
        return json.dumps(
            [
                self.previous_hash,
                self.occurred_at.isoformat(),
                self.actor_id,
                self.action,
                self.object_type,
                self.object_id,
                self.object_label,
                self.reason,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
