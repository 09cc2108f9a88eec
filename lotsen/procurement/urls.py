"""Sales and procurement at /upphandling/: each part keeps its own routes."""

from .routes import engagement, matching, publishing, spend

app_name = "procurement"

urlpatterns = [
    *publishing.urlpatterns,
    *matching.urlpatterns,
    *engagement.urlpatterns,
    *spend.urlpatterns,
]
