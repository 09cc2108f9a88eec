"""Sales and procurement at /upphandling/: each part keeps its own routes."""

from .routes import engagement, matching, publishing, spend

app_name = "procurement"

# Matching's fixed addresses (for-oss/, bevakningar/) come before publishing's <slug>/.
urlpatterns = [
    *matching.urlpatterns,
    *publishing.urlpatterns,
    *engagement.urlpatterns,
    *spend.urlpatterns,
]
