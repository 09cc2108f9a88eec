from django.urls import path

from . import views

app_name = "my_page"
urlpatterns = [
    path("", views.home, name="home"),
    path("overenskommelse/", views.agreement, name="agreement"),
    path("overenskommelse/godkann/", views.agreement_approve, name="agreement_approve"),
    path("samtycke/", views.consent, name="consent"),
    path("samtycke/aterkalla/", views.consent_withdraw, name="consent_withdraw"),
    path("vem-har-sett/", views.access_history, name="access_history"),
    path("registerutdrag/", views.extract, name="extract"),
]
