"""The API, version 1, at /api/v1/ (decision 0204)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

# Path routes (not regular expressions), so the URLconf walks of the test suite see them.
router = SimpleRouter(use_regex_path=False)
router.register("foretag", views.EnterpriseViewSet, basename="enterprise")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    # The parties' systems (lotsen.integrations, decision 0205).
    path("partner/", include("lotsen.integrations.api_urls")),
    path("", include(router.urls)),
]
