from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lotsen.core.identifiers import (
    format_phone_number,
    normalise_org_number,
    normalise_phone_number,
)
from lotsen.core.models import Municipality


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganisationQuerySet":
        from . import policies

        return policies.organisations_visible_to(user, self)

    def social_enterprises(self) -> "OrganisationQuerySet":
        return self.filter(kind=Organisation.Kind.SOCIAL_ENTERPRISE)


class Organisation(models.Model):
    """Any organisation in or around the support structure."""

    class Kind(models.TextChoices):
        PARTY = "party", _("Party of the coordination association")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        SUPPORT_ACTOR = "support_actor", _("Support actor")
        BUYER = "buyer", _("Public buyer")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the web"), max_length=220, unique=True, blank=True)
    org_number = models.CharField(
        _("organisation number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Ten digits, e.g. 556036-0793."),
        error_messages={
            "unique": _("An organisation with this organisation number is already registered.")
        },
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("municipality"),
    )
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    postal_town = models.CharField(_("postal town"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            # The lists of enterprises, parties and actors filter on kind.
            models.Index(fields=["kind", "name"], name="organisation_kind_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        # Stored normalised so that uniqueness holds whatever the user typed.
        try:
            self.org_number = normalise_org_number(self.org_number) if self.org_number else None
        except ValidationError as error:
            errors["org_number"] = error
        try:
            self.phone = normalise_phone_number(self.phone) if self.phone else ""
        except ValidationError as error:
            errors["phone"] = error
        if errors:
            raise ValidationError(errors)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:200] or "organisation"
        slug, suffix = base, 2
        while Organisation.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @property
    def phone_display(self) -> str:
        return format_phone_number(self.phone)
