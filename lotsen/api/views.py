"""The public read API (decision 0204): what anyone may see on Lotsen's public pages.

Every queryset comes from the owning app's policy for the public (the same one its public
pages and open data use), never from a filter of our own.
"""

from django.db.models import Max, Q
from django.utils.cache import patch_cache_control
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny

from lotsen.organisations import policies as organisation_policies
from lotsen.organisations.models import SocialEnterprise

from . import serializers

# How long a browser or proxy may reuse an answer without asking again; after that a
# conditional GET costs a 304.
PUBLIC_MAX_AGE = 300


class PublicReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    # A public list and its records: anyone, no credentials, cacheable, conditional.
    # `filter_class` validates the query (a refused value is a 400 with `errors`) and
    # `filter_queryset` applies it; Last-Modified is the newest `updated_field` of what
    # the answer holds. (Comments, not a docstring: the OpenAPI document shows docstrings.)

    authentication_classes = ()
    permission_classes = (AllowAny,)
    filter_class: type[serializers.serializers.Serializer] = serializers.UpdatedSinceFilter
    updated_field = "updated_at"
    last_modified = None

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

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            if self.last_modified:
                response["Last-Modified"] = http_date(self.last_modified.timestamp())
        return response


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
            served = SocialEnterprise.municipalities_served.through.objects.filter(
                municipality_id=code
            ).values("socialenterprise")
            queryset = queryset.filter(Q(organisation__municipality_id=code) | Q(pk__in=served))
        if sni := query.get("sni"):
            with_code = SocialEnterprise.industries.through.objects.filter(
                industry__code=sni.replace(".", "")
            ).values("socialenterprise")
            queryset = queryset.filter(pk__in=with_code)
        return queryset


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from our own origin: its script is a file, its style sheet ours too.

    The split view serves the page's start-up script at its own address, so the page
    needs no inline script and keeps the site's content security policy.
    """

    template_name = "api/docs.html"
    title = "Lotsen API v1"
