"""Follow-up and outcomes: follow-ups with ratings per dimension, the derived progress
series, and the outcome checks after exit.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models, transaction
from django.db.models import Count, F, RowRange, Window
from django.db.models.functions import FirstValue, LastValue, RowNumber
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .choices import IncomeSource, Outcome
from .referrals import Placement


class ProgressDimension(models.Model):
    """One dimension of progress rated at follow-ups; the coordinator configures the set."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("progress dimension")
        verbose_name_plural = _("progress dimensions")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" else self.name_sv


class FollowUp(models.Model):
    """A follow-up of an active placement: attendance, ratings and a restricted note."""

    class Phase(models.TextChoices):
        START = "start", _("At start")
        DURING = "during", _("During")
        END = "end", _("At end")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("date"), default=datetime.date.today)
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    hours_attended = models.DecimalField(
        _("hours attended per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    note = models.TextField(
        _("note (restricted)"),
        blank=True,
        help_text=_("Seen only by the coordinator and the author. No diagnoses or health details."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.placement_id} {self.date}"


class ProgressRating(models.Model):
    SCALE = [(value, str(value)) for value in range(1, 6)]

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="ratings")
    dimension = models.ForeignKey(ProgressDimension, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), choices=SCALE, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        verbose_name = _("progress rating")
        verbose_name_plural = _("progress ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["follow_up", "dimension"], name="one_rating_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension_id}={self.score}"


class ProgressSeriesQuerySet(models.QuerySet):
    def rebuild_for(self, placement_ids) -> None:
        """Recompute the series of these placements from their ratings, as one change."""
        placement_ids = list(placement_ids)
        if not placement_ids:
            return
        with transaction.atomic(using=self.db):
            self.filter(placement_id__in=placement_ids)._delete_derived()
            self._insert_from_ratings(follow_up__placement_id__in=placement_ids)

    def rebuild_all(self, batch: int = 20_000) -> None:
        """Recompute every series, a range of placements at a time (migration, bulk loads)."""
        placements = self.model._meta.get_field("placement").related_model
        last = placements.objects.aggregate(last=models.Max("pk"))["last"] or 0
        with transaction.atomic(using=self.db):
            self.all()._delete_derived()
            for low in range(0, last + 1, batch):
                self._insert_from_ratings(
                    follow_up__placement_id__gte=low, follow_up__placement_id__lt=low + batch
                )

    def _delete_derived(self) -> None:
        # A plain DELETE: QuerySet.delete() would load every row to send its signals, and
        # what listens (the stored dashboard figures) hears of the follow-up saved with them.
        self._raw_delete(self.db)

    def _insert_from_ratings(self, **placements) -> None:
        # One INSERT … SELECT: the database orders each series once, here at write time,
        # instead of at every reading of the effect statistics. The SELECT is the ORM's
        # (it emulates filtering on a window function where the database cannot).
        ratings = self.model._meta.apps.get_model("placements", "ProgressRating")
        window = {
            "partition_by": [F("follow_up__placement_id"), F("dimension_id")],
            "order_by": [F("follow_up__date").asc(), F("follow_up_id").asc()],
        }
        whole_series = RowRange(start=None, end=None)
        select = (
            ratings.objects.order_by()
            .filter(**placements)
            .annotate(
                series_placement=F("follow_up__placement_id"),
                series_dimension=F("dimension_id"),
                series_first=Window(FirstValue("score"), **window),
                series_last=Window(LastValue("score"), frame=whole_series, **window),
                series_length=Window(Count("pk"), frame=whole_series, **window),
                position=Window(RowNumber(), **window),
            )
            .filter(position=1)
            .values_list(
                "series_placement",
                "series_dimension",
                "series_first",
                "series_last",
                "series_length",
            )
        )
        sql, params = select.query.sql_with_params()
        connection = connections[self.db]
        quote = connection.ops.quote_name
        columns = ["placement_id", "dimension_id", "first_score", "last_score", "ratings"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {quote(self.model._meta.db_table)} "
                f"({', '.join(map(quote, columns))}) {sql}",
                params,
            )


class ProgressSeriesManager(models.Manager.from_queryset(ProgressSeriesQuerySet)):
    # The data migration that builds the first series uses the same rebuild.
    use_in_migrations = True


class ProgressSeries(models.Model):
    """The first and last score of one placement in one dimension, and how many ratings.

    A derived record, kept for the effect statistics (progression per dimension): reading
    the series from the ratings means ordering every rating of the period's placements at
    every computation. It is rebuilt from the ratings whenever they change
    (`ProgressSeries.objects.rebuild_for`) and never edited by hand; the ratings stay the
    record. First and last follow the follow-ups' order: by date, then by id.
    """

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="progress_series"
    )
    dimension = models.ForeignKey(ProgressDimension, on_delete=models.PROTECT, related_name="+")
    first_score = models.PositiveSmallIntegerField(_("first score"))
    last_score = models.PositiveSmallIntegerField(_("last score"))
    ratings = models.PositiveIntegerField(_("ratings"))

    objects = ProgressSeriesManager()

    class Meta:
        verbose_name = _("progress series")
        verbose_name_plural = pgettext_lazy("plural", "progress series")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "dimension"], name="one_progress_series_per_dimension"
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.dimension_id} {self.first_score}→{self.last_score}"


class OutcomeCheckQuerySet(models.QuerySet):
    def visible_to(self, user) -> "OutcomeCheckQuerySet":
        from .. import policies

        return policies.outcome_checks_visible_to(user, self)

    def due(self, on: datetime.date) -> "OutcomeCheckQuerySet":
        return self.filter(checked_on__isnull=True, due_on__lte=on)


class OutcomeCheck(models.Model):
    """Where a participant is 6 or 12 months after exit."""

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="outcome_checks"
    )
    months_after = models.PositiveSmallIntegerField(_("months after exit"))
    due_on = models.DateField(_("due"))
    checked_on = models.DateField(_("checked"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    income_source = models.CharField(
        _("income source"), max_length=30, choices=IncomeSource.choices, blank=True
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OutcomeCheckQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("outcome check")
        verbose_name_plural = _("outcome checks")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "months_after"], name="one_outcome_check_per_interval"
            )
        ]
        indexes = [
            # The inbox and the reminders read the checks still to make, oldest due first.
            models.Index(
                fields=["due_on"],
                condition=models.Q(checked_on__isnull=True),
                name="outcome_check_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} +{self.months_after}"
