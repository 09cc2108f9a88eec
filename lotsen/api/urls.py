"""The API, version 1, at /api/v1/ (decision 0204)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

# Path routes (not regular expressions), so the URLconf walks of the test suite see them.
router = SimpleRouter(use_regex_path=False)
router.register("foretag", views.EnterpriseViewSet, basename="enterprise")
router.register("evenemang", views.EventViewSet, basename="event")
router.register("kunskap", views.ResourceViewSet, basename="resource")
router.register("upphandlingar", views.OpportunityViewSet, basename="opportunity")
router.register("tilldelningar", views.AwardViewSet, basename="award")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("statistik/", views.StatisticsView.as_view(), name="statistics"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    # The parties' systems (lotsen.integrations, decision 0205).
    path("partner/", include("lotsen.integrations.api_urls")),
    path("", include(router.urls)),
]
