"""The partner API under /api/v1/partner/ (included by lotsen.api.urls)."""

from django.urls import path

from . import api_views

app_name = "partner"

urlpatterns = [
    path("referrals/", api_views.ReferralList.as_view(), name="referral_list"),
    path("referrals/<int:pk>", api_views.ReferralDetail.as_view(), name="referral_detail"),
]
