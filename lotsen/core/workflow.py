"""One pattern for every pipeline of statuses (decision 0196).

Referrals, placements, agreements, support requests, profile verification, events, event
registrations, surveys, funding plans and knowledge resources each declare a `Workflow`:
the status field and the table of allowed steps. They all move the same way:

- `Workflow.move` checks the table, refuses a step it does not hold with the one error,
  `TransitionRefused`, writes the new status with the fields that change along with it,
  and records a `StatusChange` (who, when, from, to, why) in the same transaction.
- `available_actions(user, obj)` answers which steps a user may take now: the table's
  steps from the current status that the app's policy allows.

A rule beyond the table (a reason that must be given, a seat that must be free) stays with
the domain: the model or service checks it and raises `TransitionRefused` too.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lotsen.core.models import StatusChange

__all__ = [
    "Action",
    "StatusChange",
    "TransitionRefused",
    "Workflow",
    "WorkflowModel",
    "available_actions",
]

Policy = Callable[[Any, Any, str], bool]


class TransitionRefused(ValidationError):
    """A step that the table or a rule of the domain does not allow now."""


@dataclass(frozen=True)
class Action:
    """A step a user may take now: the status it leads to, with its label."""

    status: str
    label: str


@dataclass(frozen=True, eq=False)
class Workflow:
    """A pipeline's status field and its table of allowed steps.

    `policy` is the dotted path of `may(user, obj, target) -> bool` in the app's policies;
    it is imported when first asked, because policies import the models that declare the
    workflow. `stamp` names a field that takes the time of every change."""

    transitions: Mapping[str, frozenset[str]]
    field: str = "status"
    policy: str = ""
    stamp: str = ""

    def __post_init__(self) -> None:
        targets = set().union(*self.transitions.values())
        unknown = targets - set(self.transitions)
        if unknown:
            raise ValueError(f"Steps lead to statuses the table does not hold: {unknown}")

    def current(self, obj: models.Model) -> str:
        return str(getattr(obj, self.field))

    def targets(self, obj: models.Model) -> frozenset[str]:
        """The statuses the table allows from the object's current status."""
        return self.transitions[self.current(obj)]

    def allows(self, obj: models.Model, target: str) -> bool:
        return target in self.targets(obj)

    def label(self, obj: models.Model, status: str) -> str:
        return str(dict(obj._meta.get_field(self.field).flatchoices).get(status, status))

    def check(self, obj: models.Model, target: str) -> None:
        """Refuse a step that the table does not hold."""
        if not self.allows(obj, target):
            raise TransitionRefused(
                _("The status cannot change from “%(current)s” to “%(target)s”.")
                % {
                    "current": self.label(obj, self.current(obj)).lower(),
                    "target": self.label(obj, target).lower(),
                },
                code="transition",
            )

    def move(
        self,
        obj: models.Model,
        target: str,
        *,
        actor: Any = None,
        reason: str = "",
        changes: Mapping[str, Any] | None = None,
    ) -> "StatusChange":
        """Take a step: check it, save the new status and `changes`, record the history."""
        self.check(obj, target)
        previous = self.current(obj)
        fields = {self.field: target, **(changes or {})}
        if self.stamp:
            fields[self.stamp] = timezone.now()
        for name, value in fields.items():
            setattr(obj, name, value)
        with transaction.atomic():
            obj.save(update_fields=list(fields))
            return StatusChange.record(
                obj, from_status=previous, to_status=target, actor=actor, reason=reason
            )

    def may(self, user: Any, obj: models.Model, target: str) -> bool:
        return bool(self.policy) and self._may(user, obj, target)

    @cached_property
    def _may(self) -> Policy:
        policy: Policy = import_string(self.policy)
        return policy

    def available_actions(self, user: Any, obj: models.Model) -> list[Action]:
        return [
            Action(status=target, label=self.label(obj, target))
            for target in self.ordered(self.targets(obj))
            if self.may(user, obj, target)
        ]

    def ordered(self, statuses: Iterable[str]) -> list[str]:
        """Statuses in the order the table declares them, for a steady row of buttons."""
        order = self._order
        return sorted(statuses, key=order.__getitem__)

    @cached_property
    def _order(self) -> dict[str, int]:
        return {status: index for index, status in enumerate(self.transitions)}


def workflow_of(obj: models.Model) -> Workflow:
    workflow = getattr(type(obj), "workflow", None)
    if not isinstance(workflow, Workflow):
        raise TypeError(f"{type(obj).__name__} declares no workflow")
    return workflow


def available_actions(user: Any, obj: models.Model) -> list[Action]:
    """The steps `user` may take now on `obj`, in the order its table declares them."""
    return workflow_of(obj).available_actions(user, obj)


class WorkflowModel(models.Model):
    """A model that moves through a pipeline: it declares `workflow` and keeps its steps."""

    workflow: ClassVar[Workflow]

    # The object's steps, oldest first; they go when the object goes.
    status_changes = GenericRelation(StatusChange)

    class Meta:
        abstract = True

    def move_to(
        self,
        status: str,
        *,
        actor: Any = None,
        reason: str = "",
        changes: Mapping[str, Any] | None = None,
    ) -> StatusChange:
        return self.workflow.move(self, status, actor=actor, reason=reason, changes=changes)

    def can_move_to(self, status: str) -> bool:
        """Whether the table holds the step now; who may take it is the policy's answer."""
        return self.workflow.allows(self, status)
