from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("", views.index, name="index"),
    path("anvisningar/<int:pk>/", views.referral_suggestions, name="referral_suggestions"),
    path("platser/<int:pk>/", views.opening_suggestions, name="opening_suggestions"),
    path("foresla/", views.propose, name="propose"),
    path("omgang/", views.batch, name="batch"),
    path("vikter/", views.weights, name="weights"),
]
