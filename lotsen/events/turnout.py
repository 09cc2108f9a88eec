"""Turnout: who came, by organisation kind and municipality (the study's own figures).

Each party is counted on its own; enterprises and support actors as groups.
Participants are counted as attended when the organiser has marked
attendance, else as registered with a place (for coming events). Every figure
is computed in a fixed number of queries, however many events and people.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from lotsen.organisations.models import Organisation

from .models import Registration

OTHER = _("Other or not given")
UNKNOWN_MUNICIPALITY = _("Not given")


@dataclass
class Row:
    label: str
    registered: int = 0
    attended: int = 0
    no_shows: int = 0


@dataclass
class Turnout:
    registered: int = 0
    attended: int = 0
    no_shows: int = 0
    by_organisation: list[Row] = field(default_factory=list)
    by_municipality: list[Row] = field(default_factory=list)

    @property
    def attendance_rate(self) -> int | None:
        marked = self.attended + self.no_shows
        return round(100 * self.attended / marked) if marked else None


def _group_label(kind: str | None, name: str | None) -> str:
    if kind == Organisation.Kind.PARTY:
        return name or str(OTHER)
    if kind == Organisation.Kind.SOCIAL_ENTERPRISE:
        return str(_("Social enterprises"))
    if kind == Organisation.Kind.SUPPORT_ACTOR:
        return str(_("Support actors"))
    if kind == Organisation.Kind.BUYER:
        return str(_("Public buyers"))
    return str(OTHER)


def _counts():
    return {
        "n_registered": Count("pk"),
        "n_attended": Count("pk", filter=Q(attended=True)),
        "n_no_shows": Count("pk", filter=Q(attended=False)),
    }


def _fold(rows, label_of) -> list[Row]:
    folded: dict[str, Row] = {}
    for row in rows:
        label = label_of(row)
        target = folded.setdefault(label, Row(label))
        target.registered += row["n_registered"]
        target.attended += row["n_attended"]
        target.no_shows += row["n_no_shows"]
    return sorted(folded.values(), key=lambda row: (-row.attended, -row.registered, row.label))


def turnout_for(registrations: QuerySet[Registration]) -> Turnout:
    """Turnout of the confirmed registrations in `registrations` (one query)."""
    confirmed = registrations.filter(status=Registration.Status.CONFIRMED).order_by()
    # Only parties are named; the others are grouped by kind in the database already.
    # One grouping by organisation and place feeds both tables: a year of the country's
    # registrations is read once, into a few thousand rows at most.
    party_name = Case(
        When(organisation__kind=Organisation.Kind.PARTY, then=F("organisation__name")),
        default=Value(""),
    )
    rows = list(
        confirmed.values(
            kind=F("organisation__kind"),
            organisation_label=party_name,
            place=Coalesce("municipality__name", "organisation__municipality__name"),
        ).annotate(**_counts())
    )
    organisations = _fold(rows, lambda row: _group_label(row["kind"], row["organisation_label"]))
    # Every registration is in one organisation row (those without one under "Other"),
    # so the rows add up to the totals.
    return Turnout(
        registered=sum(row.registered for row in organisations),
        attended=sum(row.attended for row in organisations),
        no_shows=sum(row.no_shows for row in organisations),
        by_organisation=organisations,
        by_municipality=_fold(rows, lambda row: row["place"] or str(UNKNOWN_MUNICIPALITY)),
    )
