"""Sales and procurement at /upphandling/: each part keeps its own routes.

The publishing part comes last: its opportunity page takes any slug, so fixed paths such
as `inkop/` or `bevakningar/` must be matched before it."""

from .routes import engagement, matching, publishing, spend

app_name = "procurement"

urlpatterns = [
    *spend.urlpatterns,
    *matching.urlpatterns,
    *engagement.urlpatterns,
    *publishing.urlpatterns,
]
