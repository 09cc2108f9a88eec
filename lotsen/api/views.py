"""The public read API (decision 0204): what anyone may see on Lotsen's public pages.

Every queryset comes from the owning app's policy for the public (the same one its public
pages and open data use), never from a filter of our own.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from lotsen.events.models import Event
from lotsen.impact import presentation
from lotsen.impact.periods import Period
from lotsen.knowledge.models import Resource
from lotsen.organisations import policies as organisation_policies
from lotsen.organisations.models import SocialEnterprise
from lotsen.procurement.models import Award, Opportunity

from . import serializers

# The API answers everyone alike, as to a visitor who is not signed in, whatever session
# cookie a browser sends along: what is public is what the public pages show.
PUBLIC = AnonymousUser()
# How long a browser or proxy may reuse an answer without asking again; after that a
# conditional GET costs a 304.
PUBLIC_MAX_AGE = 300


class PublicView(APIView):
    # What every public answer shares: anyone, no credentials, cacheable for
    # PUBLIC_MAX_AGE, and conditional. ApiMiddleware answers 304 to If-None-Match (the
    # body's ETag) and to If-Modified-Since, against the Last-Modified made here of
    # `last_modified`, which the view sets to when what it answers last changed.
    # (Comments, not a docstring: the OpenAPI document shows docstrings.)

    authentication_classes = ()
    permission_classes = (AllowAny,)
    last_modified: datetime.datetime | None = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            if self.last_modified:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return response


class PublicReadViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, PublicView, viewsets.GenericViewSet
):
    # A public list and its records. `filter_class` validates the query (a refused value
    # is a 400 with `errors`) and `filter_queryset` applies it; Last-Modified is the
    # newest `updated_field` of what the answer holds.

    filter_class: type[serializers.serializers.Serializer] = serializers.UpdatedSinceFilter
    updated_field = "updated_at"

    def query(self) -> dict:
        if self.action != "list":
            return {}
        query = self.filter_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data

    def filter_queryset(self, queryset):
        if since := self.query().get("uppdaterad_sedan"):
            queryset = queryset.filter(**{f"{self.updated_field}__gte": since})
        return queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        self.last_modified = queryset.aggregate(newest=Max(self.updated_field))["newest"]
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        self.last_modified = getattr(record, self.updated_field)
        return super().retrieve(request, *args, **kwargs)


def linked_through(relation, **lookup) -> QuerySet:
    """The keys of the records that a many-to-many `relation` links to what `lookup`
    selects, read from its through table: a filter on them cannot repeat a record, as a
    join across the relation would."""
    return relation.through.objects.filter(**lookup).values(relation.field.m2m_field_name())


@extend_schema_view(
    list=extend_schema(
        summary="Social enterprises in the public directory",
        parameters=[serializers.EnterpriseFilter],
    ),
    retrieve=extend_schema(summary="One social enterprise, by its slug"),
)
class EnterpriseViewSet(PublicReadViewSet):
    """The public directory of social enterprises, with the fields of its open data."""

    serializer_class = serializers.EnterpriseSerializer
    filter_class = serializers.EnterpriseFilter
    lookup_field = "organisation__slug"
    lookup_url_kwarg = "slug"
    lookup_value_converter = "slug"

    def get_queryset(self):
        return organisation_policies.public_profiles(
            SocialEnterprise.objects.with_related()
        ).order_by("organisation__name", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.query()
        if code := query.get("kommun"):
            served = linked_through(SocialEnterprise.municipalities_served, municipality_id=code)
            queryset = queryset.filter(Q(organisation__municipality_id=code) | Q(pk__in=served))
        if sni := query.get("sni"):
            with_code = linked_through(
                SocialEnterprise.industries, industry__code=sni.replace(".", "")
            )
            queryset = queryset.filter(pk__in=with_code)
        return queryset


def _day_start(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


@extend_schema_view(
    list=extend_schema(summary="Public events", parameters=[serializers.EventFilter]),
    retrieve=extend_schema(summary="One public event, by its slug"),
)
class EventViewSet(PublicReadViewSet):
    """Public events: meetings, courses, study visits. `fran`/`till` select by start."""

    serializer_class = serializers.EventSerializer
    filter_class = serializers.EventFilter
    lookup_field = "slug"
    lookup_value_converter = "slug"

    def get_queryset(self):
        return Event.objects.visible_to(PUBLIC).order_by("starts_at", "pk")

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.query()
        if code := query.get("kommun"):
            queryset = queryset.filter(municipality_id=code)
        if start := query.get("fran"):
            queryset = queryset.filter(starts_at__gte=_day_start(start))
        if end := query.get("till"):
            queryset = queryset.filter(starts_at__lt=_day_start(end + datetime.timedelta(days=1)))
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Published knowledge resources", parameters=[serializers.UpdatedSinceFilter]
    ),
    retrieve=extend_schema(summary="One published knowledge resource, by its slug"),
)
class ResourceViewSet(PublicReadViewSet):
    """The knowledge bank's published guides, examples, reports, templates and links."""

    serializer_class = serializers.ResourceSerializer
    lookup_field = "slug"
    lookup_value_converter = "slug"

    def get_queryset(self):
        return Resource.objects.visible_to(PUBLIC).order_by("-published_at", "pk")


@extend_schema_view(
    list=extend_schema(
        summary="Published procurement opportunities", parameters=[serializers.OpportunityFilter]
    ),
    retrieve=extend_schema(summary="One published procurement opportunity, by its slug"),
)
class OpportunityViewSet(PublicReadViewSet):
    """Procurement opportunities as published (not drafts); the OCDS file has the same."""

    serializer_class = serializers.OpportunitySerializer
    filter_class = serializers.OpportunityFilter
    lookup_field = "slug"
    lookup_value_converter = "slug"

    def get_queryset(self):
        return (
            Opportunity.objects.visible_to(PUBLIC)
            .select_related("buyer")
            .prefetch_related("municipalities")
            .order_by("-published_at", "-pk")
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.query()
        if code := query.get("kommun"):
            queryset = queryset.filter(
                pk__in=linked_through(Opportunity.municipalities, municipality_id=code)
            )
        if status := query.get("status"):
            queryset = queryset.filter(status=status)
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Awards of published opportunities", parameters=[serializers.PeriodFilter]
    ),
    retrieve=extend_schema(summary="One award, by its number"),
)
class AwardViewSet(PublicReadViewSet):
    """Who won what, for how much: the awards of published opportunities.

    `fran`/`till` select by the date of the award, `uppdaterad_sedan` by when it was
    recorded.
    """

    serializer_class = serializers.AwardSerializer
    filter_class = serializers.PeriodFilter
    updated_field = "recorded_at"
    lookup_value_converter = "int"

    def get_queryset(self):
        return (
            Award.objects.filter(opportunity__in=Opportunity.objects.visible_to(PUBLIC))
            .select_related("opportunity", "supplier", "consortium")
            .order_by("-awarded_on", "-pk")
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        query = self.query()
        if start := query.get("fran"):
            queryset = queryset.filter(awarded_on__gte=start)
        if end := query.get("till"):
            queryset = queryset.filter(awarded_on__lte=end)
        return queryset


class StatisticsView(PublicView):
    """The public statistics of a year: the figures of the statistics page, as numbers.

    Counts of 1–4 people, and shares or means resting on them, are hidden as on the
    page: `varde` is null and `dold` says why, so a hidden value never reads as a small
    one. Last-Modified is when the figures were computed.
    """

    @extend_schema(
        summary="Public statistics of a year",
        parameters=[serializers.StatisticsFilter],
        responses=serializers.StatisticsSerializer,
    )
    def get(self, request):
        query = serializers.StatisticsFilter(data=request.query_params)
        query.is_valid(raise_exception=True)
        period = query.validated_data.get("ar") or Period.current()
        # The statistics page's own figures, hidden as for a visitor who is not signed in.
        statistics = presentation.public_statistics(period, False)
        self.last_modified = statistics["computed_at"]
        data = {
            "period": period.slug,
            "foregaende_period": period.previous().slug,
            "indikatorer": [
                {
                    "indikator": result.key,
                    "rubrik": str(result.title),
                    "definition": str(result.definition),
                    "enhet": str(result.unit),
                    "rader": [_statistics_row(row) for row in result.rows],
                }
                for result in statistics["results"]
            ],
        }
        return Response(serializers.StatisticsSerializer(data).data)


def _statistics_row(row) -> dict:
    return {
        "rad": str(row.label),
        "varde": None if row.hidden else row.value,
        "dold": serializers.HIDDEN_REASON.get(row.hidden),
        "foregaende_varde": None if row.previous_hidden else row.previous,
        "foregaende_dold": serializers.HIDDEN_REASON.get(row.previous_hidden),
    }


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own origin: its script is a file, its style sheet ours too.

    The split view serves the page's start-up script at its own address, so the page
    needs no inline script and keeps the site's content security policy.
    """

    template_name = "api/docs.html"
    title = "Lotsen API v1"
