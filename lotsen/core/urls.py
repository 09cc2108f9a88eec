from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("oversikt/", views.dashboard, name="dashboard"),
    path("foretag/", views.enterprise_directory, name="enterprises"),
    path("evenemang/", views.events, name="events"),
    path("kontakt/", views.contact, name="contact"),
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
]
