"""Who may see the effect measurement (DESIGN §3, docs/access-rules.md).

- coordinator: the dashboard and drill-down with every count, small ones too;
- steering: the dashboard and drill-down, counts of 1–4 people hidden;
- everyone, anonymous included: the public statistics, small counts hidden;
- nobody here sees a person: every figure is an aggregate.
"""

from lotsen.accounts.models import Role
from lotsen.accounts.roles import has_role
from lotsen.core.access import PUBLIC, only


def may_view_dashboard(user) -> bool:
    return has_role(user, Role.COORDINATOR, Role.STEERING)


def small_cells_visible_to(user) -> bool:
    """Counts of 1–4 people could point at someone; only the coordinator sees them."""
    return has_role(user, Role.COORDINATOR)


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "impact:dashboard": only(Role.COORDINATOR, Role.STEERING),
    "impact:indicator": only(Role.COORDINATOR, Role.STEERING),
    "impact:method": PUBLIC,
    "statistics:page": PUBLIC,
    "statistics:csv": PUBLIC,
    "statistics:csv_schema": PUBLIC,
}
