from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.identifiers import (
    format_phone_number,
    normalise_org_number,
    normalise_phone_number,
)
from lotsen.core.models import Industry, Municipality, SupportArea
from lotsen.core.uploads import random_upload_name
from lotsen.core.workflow import StatusChange, Workflow, WorkflowModel


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OrganisationQuerySet":
        from . import policies

        return policies.organisations_visible_to(user, self)

    def social_enterprises(self) -> "OrganisationQuerySet":
        return self.filter(kind=Organisation.Kind.SOCIAL_ENTERPRISE)

    def where_user_holds(self, user, role: str) -> "OrganisationQuerySet":
        """The organisations in which `user` holds `role`."""
        return self.filter(memberships__user=user, memberships__role=role)


class Organisation(models.Model):
    """Any organisation in or around the support structure."""

    class Kind(models.TextChoices):
        PARTY = "party", _("Party of the coordination association")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        SUPPORT_ACTOR = "support_actor", _("Support actor")
        BUYER = "buyer", _("Public buyer")
        OTHER = "other", pgettext_lazy("organisation", "Other")

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


class LegalForm(models.TextChoices):
    """Swedish legal forms a social enterprise is run in (study §3)."""

    ECONOMIC_ASSOCIATION = "economic_association", _("Economic association (ekonomisk förening)")
    NON_PROFIT_ASSOCIATION = "non_profit_association", _("Non-profit association")
    LIMITED_COMPANY = "limited_company", _("Limited company (aktiebolag)")
    LIMITED_COMPANY_RESTRICTED = (
        "limited_company_restricted",
        _(
            "Limited company with restricted profit distribution "
            "(AB med särskild vinstutdelningsbegränsning)"
        ),
    )
    FOUNDATION = "foundation", _("Foundation (stiftelse)")
    RELIGIOUS_COMMUNITY = "religious_community", _("Registered religious community")
    OTHER = "other", pgettext_lazy("organisation", "Other")


class TargetGroup(models.TextChoices):
    """Groups far from the labour market an enterprise can receive in work training."""

    DISABILITY = "disability", _("People with disabilities")
    MENTAL_HEALTH = "mental_health", _("People with mental ill-health")
    LONG_TERM_SICK = "long_term_sick", _("People on long-term sick leave")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    NEWLY_ARRIVED = "newly_arrived", _("Newly arrived migrants")
    ADDICTION = "addiction", _("People recovering from addiction")
    YOUNG_ADULTS = "young_adults", _("Young adults outside work and studies")


class VerificationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    NEEDS_INFORMATION = "needs_information", _("Needs information")


class Service(models.Model):
    """A tag for what an enterprise sells, e.g. "snickeri" or "catering"."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("address in the web"), max_length=70, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service or product")
        verbose_name_plural = _("services and products")

    def __str__(self) -> str:
        return self.name

    @classmethod
    def from_names(cls, names: list[str]) -> list["Service"]:
        services = []
        for name in names:
            slug = slugify(name)
            if slug:
                services.append(cls.objects.get_or_create(slug=slug, defaults={"name": name})[0])
        return services


class SocialEnterpriseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SocialEnterpriseQuerySet":
        from . import policies

        return policies.profiles_visible_to(user, self)

    def with_related(self) -> "SocialEnterpriseQuerySet":
        """Everything a list or export shows, in a fixed number of queries."""
        return self.select_related("organisation__municipality").prefetch_related(
            "industries", "services", "municipalities_served"
        )

    def certified(self) -> "SocialEnterpriseQuerySet":
        return self.filter(certified_on__isnull=False)

    def eligible_for_reserved_procurement(self) -> "SocialEnterpriseQuerySet":
        # Integer arithmetic keeps the 30 % threshold exact on every database.
        share = SocialEnterprise.RESERVED_PROCUREMENT_SHARE
        return (
            self.filter(staff_count__gt=0)
            .alias(target_group_hundreds=models.F("staff_from_target_group") * 100)
            .filter(target_group_hundreds__gte=models.F("staff_count") * share)
        )


def logo_path(profile: "SocialEnterprise", filename: str) -> str:
    return random_upload_name("enterprises/logos", filename)


class SocialEnterprise(WorkflowModel):
    """The directory profile of an organisation of kind social enterprise (ASF)."""

    # The fields whose change by the enterprise needs the coordinator's verification:
    # together they decide whether the company is an ASF and may take part in reserved
    # procurement.
    ELIGIBILITY_FIELDS = (
        "legal_form",
        "purpose_work_integration",
        "staff_participation",
        "profits_reinvested",
        "independent_of_public_sector",
        "skoopi_member",
        "certified_on",
        "staff_count",
        "staff_from_target_group",
    )
    ASF_CRITERIA = (
        "purpose_work_integration",
        "staff_participation",
        "profits_reinvested",
        "independent_of_public_sector",
    )
    RESERVED_PROCUREMENT_SHARE = 30  # per cent, LOU 4 kap. 18 §

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
        verbose_name=_("organisation"),
        limit_choices_to={"kind": Organisation.Kind.SOCIAL_ENTERPRISE},
    )
    legal_form = models.CharField(
        _("legal form"),
        max_length=40,
        choices=LegalForm.choices,
        default=LegalForm.ECONOMIC_ASSOCIATION,
    )
    purpose_work_integration = models.BooleanField(
        _("The purpose of the business is to bring people far from the labour market into work"),
        default=False,
    )
    staff_participation = models.BooleanField(
        _("The staff take part in running and developing the business"), default=False
    )
    profits_reinvested = models.BooleanField(
        _("Profits are mainly reinvested in the business"), default=False
    )
    independent_of_public_sector = models.BooleanField(
        _("The business is independent of the public sector"), default=False
    )
    skoopi_member = models.BooleanField(_("member of SKOOPI"), default=False)
    certified_on = models.DateField(
        _("SKOOPI certified since"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the company is not certified."),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850)],
    )
    staff_count = models.PositiveIntegerField(_("number of staff"), null=True, blank=True)
    staff_from_target_group = models.PositiveIntegerField(
        _("of whom from the target group"),
        null=True,
        blank=True,
        help_text=_("Staff who were far from the labour market when they started."),
    )
    industries = models.ManyToManyField(
        Industry,
        blank=True,
        related_name="social_enterprises",
        verbose_name=_("industries (SNI 2007)"),
    )
    services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="social_enterprises",
        verbose_name=_("services and products"),
    )
    offer = models.TextField(_("what we offer"), blank=True)
    municipalities_served = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="social_enterprises_serving",
        verbose_name=_("municipalities served"),
    )
    takes_trainees = models.BooleanField(_("takes people in work training"), default=False)
    trainee_capacity = models.PositiveSmallIntegerField(
        _("work-training places"), default=0, help_text=_("How many people at a time.")
    )
    target_groups = models.JSONField(_("target groups we can receive"), default=list, blank=True)
    languages = models.CharField(
        _("languages spoken"),
        max_length=200,
        blank=True,
        help_text=_("For example: svenska, engelska, arabiska."),
    )
    premises_accessibility = models.TextField(_("accessibility of the premises"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to=logo_path, blank=True)
    is_public = models.BooleanField(_("shown in the public directory"), default=True)
    verification_status = models.CharField(
        _("verification"),
        max_length=20,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    verification_note = models.TextField(_("message from the coordinator"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    # Lower-cased text of everything a visitor may search for, kept by refresh_search_text():
    # the SQLite fallback searches it, PostgreSQL builds its Swedish search vector from it.
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SocialEnterpriseQuerySet.as_manager()

    workflow = Workflow(
        transitions={
            VerificationStatus.PENDING: frozenset(
                {VerificationStatus.VERIFIED, VerificationStatus.NEEDS_INFORMATION}
            ),
            VerificationStatus.NEEDS_INFORMATION: frozenset(
                {VerificationStatus.PENDING, VerificationStatus.VERIFIED}
            ),
            VerificationStatus.VERIFIED: frozenset(
                {VerificationStatus.PENDING, VerificationStatus.NEEDS_INFORMATION}
            ),
        },
        field="verification_status",
        policy="lotsen.organisations.policies.can_move_verification",
    )

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("social enterprise profile")
        verbose_name_plural = _("social enterprise profiles")
        indexes = [
            # The verification queue and the public directory filter on these.
            models.Index(fields=["verification_status"], name="profile_verification"),
            models.Index(fields=["is_public", "takes_trainees"], name="profile_public_trainees"),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("directory:detail", args=[self.organisation.slug])

    def get_logo_url(self) -> str:
        return reverse("directory:logo", args=[self.organisation.slug])

    def clean(self) -> None:
        errors = {}
        if self.organisation_id and self.organisation.kind != Organisation.Kind.SOCIAL_ENTERPRISE:
            errors["organisation"] = _("Only a social enterprise has a directory profile.")
        if self.founded_year and self.founded_year > timezone.localdate().year:
            errors["founded_year"] = _("The year cannot be in the future.")
        if (
            self.staff_from_target_group is not None
            and self.staff_count is not None
            and self.staff_from_target_group > self.staff_count
        ):
            errors["staff_from_target_group"] = _(
                "Cannot be more than the number of staff (%(count)s)."
            ) % {"count": self.staff_count}
        if self.staff_from_target_group is not None and self.staff_count is None:
            errors["staff_count"] = _("Give the number of staff as well.")
        if self.certified_on and self.certified_on > timezone.localdate():
            errors["certified_on"] = _("The date cannot be in the future.")
        unknown = set(self.target_groups or []) - set(TargetGroup.values)
        if unknown:
            errors["target_groups"] = _("Unknown target group.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_certified(self) -> bool:
        return self.certified_on is not None

    @property
    def target_group_share(self) -> int | None:
        """Per cent of the staff who came from the target group, rounded down."""
        if not self.staff_count or self.staff_from_target_group is None:
            return None
        return self.staff_from_target_group * 100 // self.staff_count

    @property
    def eligible_for_reserved_procurement(self) -> bool:
        # Compared without rounding: 3 of 10 is exactly 30 % and qualifies.
        return bool(
            self.staff_count
            and self.staff_from_target_group is not None
            and self.staff_from_target_group * 100
            >= self.RESERVED_PROCUREMENT_SHARE * self.staff_count
        )

    @property
    def criteria_answers(self) -> list[tuple[str, bool]]:
        """Tillväxtverket's four criteria of an ASF with the company's answers."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.ASF_CRITERIA
        ]

    @property
    def target_group_labels(self) -> list[str]:
        labels = dict(TargetGroup.choices)
        return [labels[value] for value in self.target_groups if value in labels]

    def refresh_search_text(self) -> None:
        """Rebuild the searchable text; call after the many-to-many fields changed."""
        organisation = self.organisation
        parts = [
            organisation.name,
            organisation.postal_town,
            str(organisation.municipality or ""),
            self.offer,
            self.description,
            self.languages,
            *(service.name for service in self.services.all()),
            *(industry.name for industry in self.industries.all()),
            *(municipality.name for municipality in self.municipalities_served.all()),
        ]
        self.search_text = " ".join(part for part in parts if part).casefold()
        SocialEnterprise.objects.filter(pk=self.pk).update(search_text=self.search_text)

    def set_verification(self, status: str, *, actor=None, note: str = "") -> StatusChange:
        """Move the profile's verification, with the coordinator's message to the enterprise."""
        verified_at = timezone.now() if status == VerificationStatus.VERIFIED else None
        return self.move_to(
            status,
            actor=actor,
            reason=note,
            changes={"verification_note": note, "verified_at": verified_at},
        )


def photo_path(photo: "EnterprisePhoto", filename: str) -> str:
    return random_upload_name("enterprises/photos", filename)


class EnterprisePhoto(models.Model):
    profile = models.ForeignKey(
        SocialEnterprise, on_delete=models.CASCADE, related_name="photos", verbose_name=_("profile")
    )
    image = models.ImageField(_("photo"), upload_to=photo_path)
    alt_text = models.CharField(
        _("description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for those who cannot see it."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        return reverse("directory:photo", args=[self.profile.organisation.slug, self.pk])


class ProfileChange(models.Model):
    """One changed field of a profile: who, when, from what to what."""

    profile = models.ForeignKey(
        SocialEnterprise,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("profile"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    field = models.CharField(_("field"), max_length=60)
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")

    def __str__(self) -> str:
        return f"{self.profile} {self.field}"

    @property
    def old_display(self) -> str:
        return self._display(self.old_value)

    @property
    def new_display(self) -> str:
        return self._display(self.new_value)

    def _display(self, value: str) -> str:
        if self.field == "verification_status":
            return dict(VerificationStatus.choices).get(value, value)
        if self.field == "target_groups":
            labels = dict(TargetGroup.choices)
            return ", ".join(str(labels.get(item, item)) for item in value.split(", ") if item)
        try:
            model_field = SocialEnterprise._meta.get_field(self.field)
        except FieldDoesNotExist:
            return value
        if isinstance(model_field, models.BooleanField):
            return str(_("Yes") if value == "1" else _("No"))
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        return value

    @property
    def field_label(self) -> str:
        if self.field == "verification_status":
            return str(_("verification"))
        try:
            return str(SocialEnterprise._meta.get_field(self.field).verbose_name)
        except FieldDoesNotExist:
            return self.field


class SupportRole(models.TextChoices):
    """The part an organisation plays in the support structure (study §8–9.1)."""

    PARTY = "party", _("Party of the coordination association")
    COOPERATIVE_DEVELOPMENT = "cooperative_development", _("Cooperative business advice")
    BUSINESS_PROMOTION = "business_promotion", _("Business promotion")
    BUSINESS_OFFICE = "business_office", _("Municipal business office (näringslivskontor)")
    INCUBATOR = "incubator", _("Incubator")
    ACADEMIA = "academia", _("University and research")
    ENTERPRISE_NETWORK = "enterprise_network", _("Network of enterprises")
    OTHER = "other", pgettext_lazy("organisation", "Other")


class ActorMappingQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ActorMappingQuerySet":
        from . import policies

        return policies.actor_mappings_visible_to(user, self)


class ActorMapping(models.Model):
    """The coordinator's mapping (kartläggning) of one organisation around the enterprises."""

    class Scale(models.IntegerChoices):
        LOW = 1, _("1 – low")
        SOME = 2, _("2 – some")
        GOOD = 3, _("3 – good")
        HIGH = 4, _("4 – high")

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="actor_mapping",
        verbose_name=_("organisation"),
    )
    support_role = models.CharField(
        _("role in the support structure"), max_length=30, choices=SupportRole.choices
    )
    knowledge = models.PositiveSmallIntegerField(_("knowledge of ASF"), choices=Scale.choices)
    interest = models.PositiveSmallIntegerField(_("interest and engagement"), choices=Scale.choices)
    support_areas = models.ManyToManyField(
        SupportArea,
        blank=True,
        related_name="actor_mappings",
        verbose_name=_("support it can offer"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    last_contact = models.DateField(_("last contact"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ActorMappingQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("actor mapping")
        verbose_name_plural = _("actor mappings")

    def __str__(self) -> str:
        return self.organisation.name
