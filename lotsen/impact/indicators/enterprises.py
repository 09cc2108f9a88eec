"""The social enterprises, their staff and the share of it from the target group.

An enterprise's municipality is where it is registered; parties do not own enterprises.
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lotsen.organisations.models import SocialEnterprise

from .figures import aware, percent, period_keys, scoped, shared
from .vocabulary import MUNICIPALITY, Indicator, RawRow


@shared
def _enterprises(periods, scope):
    queryset = scoped(
        SocialEnterprise.objects.order_by(),
        scope,
        municipality="organisation__municipality_id",
        party=None,
    )
    keys = period_keys(periods)
    aggregates = {}
    for key, period in zip(keys, periods, strict=True):
        registered = Q(organisation__created_at__lt=aware(period.end))
        reported = registered & Q(staff_count__isnull=False, staff_from_target_group__isnull=False)
        aggregates[f"n_{key}"] = Count("pk", filter=registered)
        aggregates[f"verified_{key}"] = Count(
            "pk", filter=registered & Q(verification_status="verified")
        )
        aggregates[f"staff_{key}"] = Sum("staff_count", filter=registered)
        aggregates[f"target_staff_{key}"] = Sum("staff_from_target_group", filter=reported)
        aggregates[f"reported_staff_{key}"] = Sum("staff_count", filter=reported)
    figures = queryset.aggregate(**aggregates)
    return {
        name: [figures[f"{name}_{key}"] for key in keys]
        for name in ("n", "verified", "staff", "target_staff", "reported_staff")
    }


def enterprises(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(_("Social enterprises"), figures["n"]),
        RawRow(_("Of them verified"), figures["verified"]),
    ]


ENTERPRISES = Indicator(
    key="enterprises",
    section="enterprises",
    title=gettext_lazy("Social enterprises"),
    definition=gettext_lazy(
        "Social enterprises with a profile on the platform by the end of the period, and of "
        "them those whose criteria the coordinator has verified (as the profiles stand now)."
    ),
    unit="count",
    counts_people=False,
    calculate=enterprises,
    scopes=frozenset({MUNICIPALITY}),
)


def enterprise_staff(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(_("Staff"), [value or 0 for value in figures["staff"]]),
        RawRow(_("Staff from the target group"), [v or 0 for v in figures["target_staff"]]),
    ]


ENTERPRISE_STAFF = Indicator(
    key="enterprise_staff",
    section="enterprises",
    title=gettext_lazy("Staff of the social enterprises"),
    definition=gettext_lazy(
        "The number of staff the social enterprises state in their profiles, and how many of "
        "them came from the target group (people far from the labour market)."
    ),
    unit="people",
    counts_people=True,
    calculate=enterprise_staff,
    scopes=frozenset({MUNICIPALITY}),
)


def target_group_share(periods, scope) -> list[RawRow]:
    figures = _enterprises(periods, scope)
    return [
        RawRow(
            _("Share of staff from the target group"),
            [
                percent(part, whole)
                for part, whole in zip(
                    figures["target_staff"], figures["reported_staff"], strict=True
                )
            ],
            bases=[value or 0 for value in figures["reported_staff"]],
        )
    ]


TARGET_GROUP_SHARE = Indicator(
    key="target_group_share",
    section="enterprises",
    title=gettext_lazy("Share of staff from the target group"),
    definition=gettext_lazy(
        "Staff from the target group as a share of all staff, over the social enterprises "
        "that state both figures. The reserved procurement of LOU 4 kap. 18 § asks at least "
        "30 percent of each enterprise."
    ),
    unit="percent",
    counts_people=True,
    calculate=target_group_share,
    scopes=frozenset({MUNICIPALITY}),
)
