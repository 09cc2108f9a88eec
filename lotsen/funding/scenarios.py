"""What a year costs, and who carries it, under the two models of study §10 and a mix.

The study argues that a coordinator is needed whatever the model, and more so
when the work is bought in: coordinating external suppliers and keeping the
parties engaged takes time. So the coordinator's hours are a base plus a share
of every bought hour and a smaller share of every hour the parties deliver.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .money import HUNDRED, to_ore


@dataclass(frozen=True)
class ScenarioInput:
    area_hours: dict[str, Decimal]
    bought_hourly_rate: Decimal
    own_hourly_value: Decimal
    coordinator_hourly_cost: Decimal
    coordinator_base_hours: Decimal
    coordination_per_bought_hour: Decimal
    coordination_per_own_hour: Decimal
    mix_bought_percent: int

    @classmethod
    def from_scenario(cls, scenario) -> "ScenarioInput":
        return cls(
            area_hours={code: Decimal(hours) for code, hours in scenario.area_hours.items()},
            bought_hourly_rate=scenario.bought_hourly_rate,
            own_hourly_value=scenario.own_hourly_value,
            coordinator_hourly_cost=scenario.coordinator_hourly_cost,
            coordinator_base_hours=scenario.coordinator_base_hours,
            coordination_per_bought_hour=scenario.coordination_per_bought_hour,
            coordination_per_own_hour=scenario.coordination_per_own_hour,
            mix_bought_percent=scenario.mix_bought_percent,
        )

    @property
    def total_hours(self) -> Decimal:
        return sum(self.area_hours.values(), Decimal(0))


@dataclass(frozen=True)
class ModelOutcome:
    key: str
    label: str
    bought_percent: int
    bought_hours: Decimal
    own_hours: Decimal
    bought_cost: Decimal
    own_value: Decimal
    coordinator_hours: Decimal
    coordinator_cost: Decimal

    @property
    def pot_cost(self) -> Decimal:
        """Money the parties must put into the pot: bought work and the coordinator."""
        return self.bought_cost + self.coordinator_cost

    @property
    def total(self) -> Decimal:
        return self.pot_cost + self.own_value


def outcome(inputs: ScenarioInput, key: str, label, bought_percent: int) -> ModelOutcome:
    total = inputs.total_hours
    bought_hours = total * Decimal(bought_percent) / HUNDRED
    own_hours = total - bought_hours
    coordinator_hours = (
        inputs.coordinator_base_hours
        + bought_hours * inputs.coordination_per_bought_hour
        + own_hours * inputs.coordination_per_own_hour
    ).quantize(Decimal("0.1"))
    return ModelOutcome(
        key=key,
        label=str(label),
        bought_percent=bought_percent,
        bought_hours=bought_hours.quantize(Decimal("0.1")),
        own_hours=own_hours.quantize(Decimal("0.1")),
        bought_cost=to_ore(bought_hours * inputs.bought_hourly_rate),
        own_value=to_ore(own_hours * inputs.own_hourly_value),
        coordinator_hours=coordinator_hours,
        coordinator_cost=to_ore(coordinator_hours * inputs.coordinator_hourly_cost),
    )


def compare(inputs: ScenarioInput) -> list[ModelOutcome]:
    """The financing model (all bought), the ownership model (all own) and the user's mix."""
    return [
        outcome(inputs, "financing", _("Financing model"), 100),
        outcome(inputs, "ownership", _("Ownership model"), 0),
        outcome(
            inputs,
            "mix",
            _("Mix: %(percent)s %% bought") % {"percent": inputs.mix_bought_percent},
            inputs.mix_bought_percent,
        ),
    ]
