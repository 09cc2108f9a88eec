"""The knowledge node (kunskapsnod): guides, good examples, reports, work models and more."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from lotsen.core.models import SupportArea
from lotsen.core.uploads import random_upload_name
from lotsen.core.workflow import StatusChange, Workflow, WorkflowModel
from lotsen.organisations.models import Organisation

from .rendering import render_markdown
from .search import stems_of
from .validators import validate_pdf

# Paths under /kunskap/ that are pages of their own, not resources.
RESERVED_SLUGS = frozenset({"ny"})


def public_condition() -> models.Q:
    """Published, and the publish date has come."""
    return models.Q(status=Resource.Status.PUBLISHED, published_at__lte=timezone.now())


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ResourceQuerySet":
        from . import policies

        return policies.resources_visible_to(user, self)

    def public(self) -> "ResourceQuerySet":
        return self.filter(public_condition())

    def search(self, text: str) -> "ResourceQuerySet":
        from .search import search_resources

        return search_resources(self, text)


def attachment_path(resource: "Resource", filename: str) -> str:
    # Random, not the slug: a draft's PDF must not be found by guessing its path.
    return random_upload_name("knowledge", "attachment.pdf")


class Resource(WorkflowModel):
    """One piece of knowledge: a guide, a good example, a report, a template, a link…"""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        GOOD_EXAMPLE = "good_example", _("Good example")
        REPORT = "report", _("Report")
        WORK_MODEL = "work_model", _("Work model")
        TEMPLATE = "template", _("Template")
        LINK = "link", _("Link")
        PODCAST = "podcast", _("Podcast")

    class Audience(models.TextChoices):
        ENTERPRISES = "enterprises", _("Social enterprises")
        PUBLIC_SECTOR = "public_sector", _("Public sector")
        EVERYONE = "everyone", _("Everyone")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    workflow = Workflow(
        transitions={
            Status.DRAFT: frozenset({Status.PUBLISHED}),
            Status.PUBLISHED: frozenset({Status.DRAFT}),
        },
        policy="lotsen.knowledge.policies.can_move",
    )

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address in the web"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_(
            "Made from the title when first saved; it stays the same when the title changes."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences shown in search results."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Markdown: ## heading, **bold**, *italic*, - list, [link text](https://…)."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    support_areas = models.ManyToManyField(
        SupportArea, blank=True, related_name="resources", verbose_name=_("support areas")
    )
    author_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="knowledge_resources",
        verbose_name=_("author organisation"),
    )
    url = models.URLField(
        _("web address"),
        blank=True,
        help_text=_("For links and podcasts: where the resource is found."),
    )
    source = models.CharField(
        _("source"),
        max_length=400,
        blank=True,
        help_text=_("The public document the text builds on, with its publisher."),
    )
    source_url = models.URLField(_("address of the source"), blank=True)
    attachment = models.FileField(
        _("attachment (PDF)"),
        upload_to=attachment_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("A PDF file of at most 10 MB."),
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=True, verbose_name=_("related resources")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish date"),
        null=True,
        blank=True,
        help_text=_("Shown to visitors from this time; empty means when it is published."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The weighted Swedish document, kept by a database trigger on PostgreSQL
    # (migration 0002) so that ranking reads it instead of parsing every body.
    search_document = SearchVectorField(null=True, editable=False)
    # Snowball stems of the text, for the search fallback on databases without
    # Swedish full-text search (SQLite).
    search_title_stems = models.TextField(editable=False, default="")
    search_stems = models.TextField(editable=False, default="")

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        verbose_name = _("knowledge resource")
        verbose_name_plural = _("knowledge resources")
        indexes = [
            # The public list filters on status and sorts by publish date. The GIN
            # index on search_document is made on PostgreSQL only (migration 0002).
            models.Index(fields=["status", "-published_at"], name="resource_status_published"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = self._unique_slug()
        self.search_title_stems = stems_of(self.title)
        self.search_stems = stems_of(" ".join((self.title, self.summary, self.body, self.source)))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_title_stems",
                "search_stems",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("knowledge:detail", args=[self.slug])

    def clean(self) -> None:
        if self.kind in (self.Kind.LINK, self.Kind.PODCAST) and not self.url:
            raise ValidationError(
                {"url": _("A link or podcast needs the web address where it is found.")},
                code="url_required",
            )

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:200] or "resurs"
        slug, suffix = base, 2
        while (
            slug in RESERVED_SLUGS
            or Resource.objects.filter(slug=slug).exclude(pk=self.pk).exists()
        ):
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @property
    def body_html(self) -> SafeString:
        return render_markdown(self.body)

    @property
    def attachment_size(self) -> int | None:
        if not self.attachment:
            return None
        try:
            return self.attachment.size
        except FileNotFoundError:
            return None

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_public

    def move_to(self, status: str, *, actor=None, reason: str = "", changes=None) -> StatusChange:
        """Take a step; a first publication dates the resource."""
        now = timezone.now()
        dates = {"updated_at": now}
        if status == self.Status.PUBLISHED and self.published_at is None:
            dates["published_at"] = now
        return super().move_to(
            status, actor=actor, reason=reason, changes={**dates, **(changes or {})}
        )

    def publish(self, *, actor=None) -> None:
        self.move_to(self.Status.PUBLISHED, actor=actor)

    def unpublish(self, *, actor=None) -> None:
        self.move_to(self.Status.DRAFT, actor=actor)
