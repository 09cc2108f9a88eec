from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indikator/<slug:key>/", views.indicator_detail, name="indicator"),
    path("metod/", views.method, name="method"),
]
