"""The coordinator's weights of the score parts: one row, read by every matching page."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import engine

DEFAULTS = engine.Weights()


class MatchingWeights(models.Model):
    """How much each part of the score counts; the engine normalises them to a mean."""

    SINGLETON_PK = 1

    interest = models.DecimalField(
        _("interest match"),
        max_digits=4,
        decimal_places=2,
        default=DEFAULTS.interest,
        validators=[MinValueValidator(0)],
    )
    travel = models.DecimalField(
        _("shorter travel"),
        max_digits=4,
        decimal_places=2,
        default=DEFAULTS.travel,
        validators=[MinValueValidator(0)],
    )
    supervisor = models.DecimalField(
        _("trained supervisor"),
        max_digits=4,
        decimal_places=2,
        default=DEFAULTS.supervisor,
        validators=[MinValueValidator(0)],
    )
    preference = models.DecimalField(
        _("the participant's preferences"),
        max_digits=4,
        decimal_places=2,
        default=DEFAULTS.preference,
        validators=[MinValueValidator(0)],
    )
    fairness = models.DecimalField(
        _("fairness between enterprises"),
        max_digits=4,
        decimal_places=2,
        default=DEFAULTS.fairness,
        validators=[MinValueValidator(0)],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("matching weights")
        verbose_name_plural = _("matching weights")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="matching_weights_single_row"),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "MatchingWeights":
        weights, _created = cls.objects.get_or_create(pk=cls.SINGLETON_PK)
        return weights

    def as_engine_weights(self) -> engine.Weights:
        return engine.Weights(
            **{part.value: float(getattr(self, part.value)) for part in engine.Part}
        )
