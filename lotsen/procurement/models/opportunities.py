"""Business opportunities (affärsmöjligheter) that buyers publish, their lots and documents."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lotsen.core.models import Municipality
from lotsen.core.uploads import random_upload_name
from lotsen.core.workflow import StatusChange, TransitionRefused, Workflow, WorkflowModel
from lotsen.organisations.models import Organisation

from .. import codelists
from .reference import CpvCode

MONEY = {"max_digits": 14, "decimal_places": 0, "validators": [MinValueValidator(0)]}


class OpportunityQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OpportunityQuerySet":
        from .. import policies

        return policies.opportunities_visible_to(user, self)

    def public(self) -> "OpportunityQuerySet":
        return self.exclude(status__in=(Opportunity.Status.DRAFT,))

    def open(self) -> "OpportunityQuerySet":
        return self.filter(status=Opportunity.Status.PUBLISHED)


class Opportunity(WorkflowModel):
    """A chance for social enterprises to sell: a notice, a direct award, an IOP, a
    subcontract, work-training places bought, or a market dialogue."""

    class Kind(models.TextChoices):
        DIRECT_AWARD = "direct_award", _("Direct award (direktupphandling)")
        RESERVED = "reserved", _("Reserved contract (LOU 4 kap. 18 §)")
        RESERVED_SERVICES = "reserved_services", _("Reserved services (LOU 19 kap. 6 a §)")
        IOP = "iop", _("Idea-based public partnership (IOP)")
        SUBCONTRACT = "subcontract", _("Subcontract from a prime contractor")
        WORK_TRAINING = "work_training", _("Procurement of work-training places")
        MARKET_DIALOGUE = "market_dialogue", _("Market dialogue (RFI)")
        OPEN = "open", _("Other procurement")

    # The eForms BT-71 code each reserved kind must carry.
    RESERVATION_OF_KIND = {Kind.RESERVED: "res-ws", Kind.RESERVED_SERVICES: "res-pub-ser"}

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed for tenders")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    workflow = Workflow(
        transitions={
            Status.DRAFT: frozenset({Status.PUBLISHED, Status.CANCELLED}),
            Status.PUBLISHED: frozenset({Status.CLOSED, Status.CANCELLED}),
            Status.CLOSED: frozenset({Status.AWARDED, Status.CANCELLED}),
            Status.AWARDED: frozenset(),
            Status.CANCELLED: frozenset(),
        },
        policy="lotsen.procurement.policies.can_move_opportunity",
    )

    buyer = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="opportunities",
        verbose_name=_("buyer"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address in the web"), max_length=220, unique=True, blank=True)
    description = models.TextField(_("description"))
    contract_nature = models.CharField(
        _("contract nature"),
        max_length=10,
        choices=codelists.contract_nature_choices,
        default="services",
    )
    main_cpv = models.ForeignKey(
        CpvCode,
        on_delete=models.PROTECT,
        related_name="main_of",
        verbose_name=_("main CPV code"),
    )
    additional_cpv = models.ManyToManyField(
        CpvCode, blank=True, related_name="additional_of", verbose_name=_("additional CPV codes")
    )
    municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="opportunities",
        verbose_name=_("where the work is done"),
    )
    estimated_value = models.DecimalField(
        _("estimated value (SEK, excl. VAT)"), null=True, blank=True, **MONEY
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    questions_until = models.DateField(_("questions until"), null=True, blank=True)
    tenders_due = models.DateTimeField(_("tenders due"), null=True, blank=True)
    contract_start = models.DateField(_("contract starts"), null=True, blank=True)
    contract_end = models.DateField(_("contract ends"), null=True, blank=True)
    notice_url = models.URLField(_("notice in a registered notice database"), blank=True)
    # eForms BT-06 and BT-775: lists of codes.
    strategic_procurement = models.JSONField(_("strategic procurement"), default=list, blank=True)
    social_objectives = models.JSONField(_("social objectives"), default=list, blank=True)
    # eForms BT-71 and BT-736.
    reserved_participation = models.CharField(
        _("reserved participation"),
        max_length=12,
        choices=codelists.reserved_participation_choices,
        default="none",
    )
    reserved_execution = models.BooleanField(_("reserved execution"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("business opportunity")
        verbose_name_plural = _("business opportunities")
        indexes = [
            models.Index(fields=["status", "tenders_due"], name="opportunity_status_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("procurement:detail", args=[self.slug])

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            base = slugify(self.title)[:200] or "affarsmojlighet"
            slug, suffix = base, 2
            while Opportunity.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, suffix = f"{base}-{suffix}", suffix + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            errors["contract_end"] = _("The contract cannot end before it starts.")
        if (
            self.questions_until
            and self.tenders_due
            and self.questions_until > timezone.localdate(self.tenders_due)
        ):
            errors["questions_until"] = _("Questions must close before tenders are due.")
        if (
            self.tenders_due
            and self.contract_start
            and self.contract_start < timezone.localdate(self.tenders_due)
        ):
            errors["contract_start"] = _("The contract cannot start before tenders are due.")
        reserved = self.RESERVATION_OF_KIND.get(self.kind)
        if reserved and self.reserved_participation != reserved:
            errors["reserved_participation"] = _(
                "A contract of this kind reserves participation as “%(label)s”."
            ) % {"label": codelists.label(codelists.RESERVED_PARTICIPATION, reserved)}
        unknown = set(self.strategic_procurement) - set(
            codelists.codelist(codelists.STRATEGIC_PROCUREMENT)
        ) | set(self.social_objectives) - set(codelists.codelist(codelists.SOCIAL_OBJECTIVE))
        if unknown:
            errors["social_objectives"] = _("Unknown code: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown))
            }
        if errors:
            raise ValidationError(errors)

    @property
    def is_reserved(self) -> bool:
        return self.reserved_participation != "none" or self.reserved_execution

    @property
    def strategic_procurement_labels(self) -> list[str]:
        return [
            codelists.label(codelists.STRATEGIC_PROCUREMENT, code)
            for code in self.strategic_procurement
        ]

    @property
    def social_objective_labels(self) -> list[str]:
        return [
            codelists.label(codelists.SOCIAL_OBJECTIVE, code) for code in self.social_objectives
        ]

    def move_to(self, status: str, *, actor=None, reason: str = "", changes=None) -> StatusChange:
        """Take a step; publishing dates the opportunity and needs a deadline ahead."""
        dates = {}
        if status == self.Status.PUBLISHED:
            if self.tenders_due and self.tenders_due < timezone.now():
                raise TransitionRefused(
                    _("Tenders are due in the past. Move the deadline before publishing."),
                    code="past_due",
                )
            if self.published_at is None:
                dates["published_at"] = timezone.now()
        return super().move_to(
            status, actor=actor, reason=reason, changes={**dates, **(changes or {})}
        )


class Lot(models.Model):
    """A part of an opportunity that can be tendered and awarded on its own."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="lots", verbose_name=_("opportunity")
    )
    number = models.PositiveSmallIntegerField(pgettext_lazy("lot", "number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    estimated_value = models.DecimalField(
        _("estimated value (SEK, excl. VAT)"), null=True, blank=True, **MONEY
    )

    class Meta:
        ordering = ["opportunity", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "number"], name="one_lot_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


def document_path(document: "OpportunityDocument", filename: str) -> str:
    return random_upload_name("procurement", filename)


class OpportunityDocument(models.Model):
    """A procurement document, served through the policies (never a public file path)."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("opportunity"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("procurement document")
        verbose_name_plural = _("procurement documents")

    def __str__(self) -> str:
        return self.title
