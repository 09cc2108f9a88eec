"""The URLs of matching; urls.py gathers every part's."""

from django.urls import path

from ..views import matching, matching_alerts

urlpatterns: list = [
    path("for-oss/", matching.for_us, name="for_us"),
    path("cpv-sni/", matching.links, name="links"),
    path("cpv-sni/import/", matching.links_import, name="links_import"),
    path("cpv-sni/<int:pk>/ta-bort/", matching.link_delete, name="link_delete"),
    path("bevakningar/", matching_alerts.alerts, name="alerts"),
    path("bevakningar/ny/", matching_alerts.alert_edit, name="alert_create"),
    path("bevakningar/<int:pk>/", matching_alerts.alert_edit, name="alert_edit"),
    path("bevakningar/<int:pk>/ta-bort/", matching_alerts.alert_delete, name="alert_delete"),
    path(
        "bevakningar/avsluta/<str:key>/",
        matching_alerts.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
    path("<slug:slug>/passar/", matching.fit, name="fit"),
    path("<slug:slug>/passar/bjud-in/", matching.fit_invite, name="fit_invite"),
]
