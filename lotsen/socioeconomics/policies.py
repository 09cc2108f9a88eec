"""Who may see and change the socio-economic estimate.

- The coordinator and the system administrator edit the parameters.
- The steering group reads the estimate, the parameters and the method, but edits nothing.
- Counts of people 1–4 are shown to the coordinator only; for everyone else an estimate
  built on such a count is withheld, since its figures would reveal the count.
- Everyone else sees nothing.
"""

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import only
from lotsen.impact.policies import small_cells_visible_to


def can_read(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.STEERING, Role.ADMIN)


def can_edit(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.ADMIN)


__all__ = ["can_edit", "can_read", "parameters_visible_to", "small_cells_visible_to"]


def parameters_visible_to(user, queryset):
    return queryset if can_read(user) else queryset.none()


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "socioeconomics:method": only(Role.COORDINATOR, Role.STEERING, Role.ADMIN),
    "socioeconomics:parameter_edit": only(Role.COORDINATOR, Role.ADMIN),
}
