from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("", views.public_statistics, name="page"),
    path("statistik.csv", views.public_csv, name="csv"),
    path("statistik.tableschema.json", views.public_csv_schema, name="csv_schema"),
]
