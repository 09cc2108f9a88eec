from django.urls import path

from . import views

app_name = "yearly_report"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.job, name="job"),
    path("<int:pk>/<str:kind>/", views.download, name="download"),
]
