from django.utils import translation
from django_tasks import task

from . import stored
from .indicators import Scope
from .periods import Period


@task()
def refresh_dashboard_figures(
    period: str,
    municipality_id: str | None,
    party_id: int | None,
    show_small_cells: bool,
    language: str,
) -> None:
    """Compute and store one combination's dashboard figures, which a visit found stale."""
    with translation.override(language):
        stored.refresh(
            Period.parse(period),
            Scope(municipality_id=municipality_id, party_id=party_id),
            show_small_cells=show_small_cells,
        )
