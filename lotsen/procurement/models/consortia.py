"""Supplier networks and consortia: enterprises that bid together (Region Dalarna's
leverantörsnätverk)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import Municipality
from lotsen.core.uploads import random_upload_name
from lotsen.organisations.models import Organisation

from .opportunities import Lot, Opportunity
from .reference import CpvCode


class SupplierNetwork(models.Model):
    """A standing network of enterprises, e.g. "Leverantörsnätverk Norrbotten – städ"."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    cpv_codes = models.ManyToManyField(
        CpvCode, blank=True, related_name="+", verbose_name=_("CPV codes")
    )
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="+", verbose_name=_("municipalities")
    )
    members = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="supplier_networks",
        verbose_name=_("members"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("supplier network")
        verbose_name_plural = _("supplier networks")

    def __str__(self) -> str:
        return self.name


class Consortium(models.Model):
    """Enterprises bidding together on one opportunity, with a lead tenderer."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="consortia",
        verbose_name=_("opportunity"),
    )
    name = models.CharField(_("name"), max_length=200)
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consortia_led",
        verbose_name=_("lead tenderer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")

    def __str__(self) -> str:
        return self.name


class ConsortiumMember(models.Model):
    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="members", verbose_name=_("consortium")
    )
    enterprise = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="consortium_memberships",
        verbose_name=_("enterprise"),
    )
    share = models.CharField(_("part or share"), max_length=200, blank=True)
    lots = models.ManyToManyField(Lot, blank=True, related_name="+", verbose_name=_("lots"))
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        ordering = ["joined_at"]
        verbose_name = _("consortium member")
        verbose_name_plural = _("consortium members")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "enterprise"], name="one_membership_per_consortium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} i {self.consortium}"


def workspace_file_path(message: "ConsortiumMessage", filename: str) -> str:
    return random_upload_name("consortia", filename)


class ConsortiumMessage(models.Model):
    """A message or file in a consortium's workspace, seen by its members and the
    coordinator only."""

    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="messages", verbose_name=_("consortium")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000)
    attachment = models.FileField(_("attachment"), upload_to=workspace_file_path, blank=True)
    attachment_name = models.CharField(max_length=200, blank=True)
    posted_at = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        ordering = ["posted_at", "id"]
        verbose_name = _("workspace message")
        verbose_name_plural = _("workspace messages")

    def __str__(self) -> str:
        return self.body[:60]


class ChecklistItem(models.Model):
    """A step of the consortium's road to the tender deadline."""

    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("consortium")
    )
    text = models.CharField(_("step"), max_length=200)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self) -> str:
        return self.text
