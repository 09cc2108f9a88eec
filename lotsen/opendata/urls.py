"""The open data catalogue at /oppna-data/: a page for people, DCAT-AP-SE for portals."""

from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("katalog.jsonld", views.catalogue, name="catalogue"),
]
