from django.contrib import admin
from django.urls import include, path

from lotsen.core import views as core_views
from lotsen.scheduling import views as scheduling_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", scheduling_views.readyz, name="readyz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("lotsen.accounts.urls")),
    path("inloggning/", include("lotsen.federation.urls")),
    path("organisationer/", include("lotsen.organisations.urls")),
    path("granskning/", include("lotsen.audit.urls")),
    path("foretag/", include("lotsen.organisations.directory_urls")),
    path("finansiering/", include("lotsen.funding.urls")),
    path("evenemang/", include("lotsen.events.urls")),
    path("enkater/", include("lotsen.surveys.urls")),
    path("kunskap/", include("lotsen.knowledge.urls")),
    path("lotsning/", include("lotsen.placements.urls")),
    path("mina-sidor/", include("lotsen.my_page.urls")),
    path("upphandling/", include("lotsen.procurement.urls")),
    path("matchning/", include("lotsen.matching.urls")),
    path("effekt/socioekonomi/", include("lotsen.socioeconomics.urls")),
    path("effekt/arsrapport/", include("lotsen.yearly_report.urls")),
    path("effekt/", include("lotsen.impact.urls")),
    path("statistik/", include("lotsen.impact.public_urls")),
    path("partnersystem/nycklar/", include("lotsen.integrations.urls")),
    path("api/v1/", include("lotsen.api.urls")),
    path("oppna-data/", include("lotsen.opendata.urls")),
    path("admin/", admin.site.urls),
    path("demo/", include("lotsen.demo.urls")),
    path("", include("lotsen.support.urls")),
    path("", include("lotsen.core.urls")),
]

handler400 = "lotsen.core.views.bad_request"
handler403 = "lotsen.core.views.permission_denied"
handler404 = "lotsen.core.views.page_not_found"
handler429 = "lotsen.core.views.too_many_requests"
handler500 = "lotsen.core.views.server_error"
