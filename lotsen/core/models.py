"""Reference data shared by every app (SCB regions, SNI 2007, SSYK 2012) and the history of
every pipeline of statuses (`StatusChange`, see lotsen/core/workflow.py).

The reference rows come from lotsen/core/data/ (see SOURCES.md there) through a data
migration, so a fresh database always has them.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class County(models.Model):
    code = models.CharField(_("county code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def in_home_county(self) -> "MunicipalityQuerySet":
        """The municipalities of the county the support structure serves."""
        return self.filter(county_id=settings.HOME_COUNTY_CODE)


class Municipality(models.Model):
    code = models.CharField(_("municipality code"), max_length=4, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    # The municipal seat, approximately; good for distances and map markers.
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class ClassificationCode(models.Model):
    """One code of a hierarchical statistical classification."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    level = models.CharField(_("level"), max_length=16)
    name = models.CharField(_("name"), max_length=300)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.display_code} {self.name}"

    @property
    def display_code(self) -> str:
        return self.code


class Industry(ClassificationCode):
    """A code of SNI 2007, Swedish Standard Industrial Classification (näringsgren)."""

    class Meta(ClassificationCode.Meta):
        verbose_name = _("industry (SNI 2007)")
        verbose_name_plural = _("industries (SNI 2007)")

    @property
    def display_code(self) -> str:
        # SCB's official form puts a dot after the division: 01.110.
        if len(self.code) > 2 and self.code.isdigit():
            return f"{self.code[:2]}.{self.code[2:]}"
        return self.code


class Occupation(ClassificationCode):
    """A code of SSYK 2012, Swedish Standard Classification of Occupations (yrke)."""

    class Meta(ClassificationCode.Meta):
        verbose_name = _("occupation (SSYK 2012)")
        verbose_name_plural = _("occupations (SSYK 2012)")


class SupportArea(models.Model):
    """An area of support the structure offers (study §9.2 and §10), e.g. supervisor training."""

    class Audience(models.TextChoices):
        ENTERPRISES = "enterprises", _("Social enterprises")
        PUBLIC_SECTOR = "public_sector", _("Public sector")
        BOTH = "both", _("Enterprises and public sector")

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("support area")
        verbose_name_plural = _("support areas")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv

    @property
    def serves_enterprises(self) -> bool:
        return self.audience in (self.Audience.ENTERPRISES, self.Audience.BOTH)

    @property
    def serves_public_sector(self) -> bool:
        return self.audience in (self.Audience.PUBLIC_SECTOR, self.Audience.BOTH)


class StatusChangeQuerySet(models.QuerySet):
    def of(self, obj: models.Model) -> "StatusChangeQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
        )


class StatusChange(models.Model):
    """One step of an object through its pipeline: who, when, from, to and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    # Rebuilt by a migration from what was recorded before the history was kept (the
    # audit trail, an agreement's approvals): the step before is inferred, not seen.
    rebuilt = models.BooleanField(default=False)

    objects = StatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "changed_at"], name="status_history")
        ]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} {self.from_status} → {self.to_status}"

    @classmethod
    def record(
        cls, obj: models.Model, *, from_status: str, to_status: str, actor: Any, reason: str
    ) -> "StatusChange":
        return cls.objects.create(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=obj.pk,
            from_status=from_status,
            to_status=to_status,
            actor=actor if getattr(actor, "pk", None) else None,
            reason=reason[:500],
        )

    @property
    def from_label(self) -> str:
        return self._label(self.from_status)

    @property
    def to_label(self) -> str:
        return self._label(self.to_status)

    def _label(self, status: str) -> str:
        # From the cache of content types: a history of many rows costs no query per row.
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        workflow = getattr(model, "workflow", None)
        if model is None or workflow is None:
            return status
        choices = dict(model._meta.get_field(workflow.field).flatchoices)
        return str(choices.get(status, status))
