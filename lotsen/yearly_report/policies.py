"""Who may have the yearly report made and read it (docs/access-rules.md).

- coordinator: requests a report with every count, small ones too, and reads every report;
- steering: requests a report with counts of 1–4 people hidden ("<5") and reads only
  such reports, whoever asked for them;
- everyone else: nothing (403).

The report holds aggregates only; nobody reads a person in it.
"""

from lotsen.accounts.models import Role
from lotsen.core.access import only
from lotsen.impact.policies import may_view_dashboard, small_cells_visible_to


def may_request_report(user) -> bool:
    return may_view_dashboard(user)


def shows_small_cells(user) -> bool:
    return small_cells_visible_to(user)


def jobs_visible_to(user, queryset):
    if not may_request_report(user):
        return queryset.none()
    if shows_small_cells(user):
        return queryset
    return queryset.filter(shows_small_cells=False)


# The expected answer of each URL for each persona (lotsen.core.access).
ACCESS = {
    "yearly_report:index": only(Role.COORDINATOR, Role.STEERING),
    "yearly_report:job": only(Role.COORDINATOR, Role.STEERING),
    "yearly_report:download": only(Role.COORDINATOR, Role.STEERING),
}
