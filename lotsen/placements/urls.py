from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("platser/", views.opening_list, name="opening_list"),
    path("platser/ny/", views.opening_edit, name="opening_create"),
    path("platser/<int:pk>/", views.opening_detail, name="opening_detail"),
    path("platser/<int:pk>/andra/", views.opening_edit, name="opening_edit"),
    path("deltagare/", views.participant_list, name="participant_list"),
    path("deltagare/ny/", views.participant_create, name="participant_create"),
    path("deltagare/ny-anonym/", views.participant_create_anonymous, name="participant_anonymous"),
    path("deltagare/<str:code>/", views.participant_detail, name="participant_detail"),
    path("deltagare/<str:code>/andra/", views.participant_edit, name="participant_edit"),
    path(
        "deltagare/<str:code>/aterkalla-samtycke/",
        views.participant_withdraw_consent,
        name="participant_withdraw_consent",
    ),
    path(
        "deltagare/<str:code>/aterkalla-uppfoljning/",
        views.participant_withdraw_follow_up_consent,
        name="participant_withdraw_follow_up_consent",
    ),
    path(
        "deltagare/<str:code>/registerutdrag/", views.participant_export, name="participant_export"
    ),
    path("deltagare/<str:code>/ny-anvisning/", views.referral_create, name="referral_create"),
    path(
        "fran-stodarende/<int:pk>/",
        views.referral_from_support_request,
        name="referral_from_support_request",
    ),
    path("anvisningar/", views.referral_list, name="referral_list"),
    path("anvisningar/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("anvisningar/<int:pk>/status/", views.referral_set_status, name="referral_set_status"),
    path("anvisningar/<int:pk>/foresla/", views.referral_propose, name="referral_propose"),
    path("placeringar/", views.placement_list, name="placement_list"),
    path("placeringar/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placeringar/<int:pk>/svar/", views.placement_answer, name="placement_answer"),
    path("placeringar/<int:pk>/aterkalla/", views.placement_withdraw, name="placement_withdraw"),
    path(
        "placeringar/<int:pk>/svar-per-telefon/",
        views.placement_answer_by_phone,
        name="placement_answer_by_phone",
    ),
    path(
        "placeringar/<int:pk>/bjud-in-kontakt/",
        views.placement_invite_contact,
        name="placement_invite_contact",
    ),
    path("placeringar/<int:pk>/overenskommelse/", views.agreement_edit, name="agreement_edit"),
    path("placeringar/<int:pk>/godkann/", views.agreement_approve, name="agreement_approve"),
    path("placeringar/<int:pk>/overenskommelse.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("placeringar/<int:pk>/starta/", views.placement_start, name="placement_start"),
    path("placeringar/<int:pk>/avbryt/", views.placement_cancel, name="placement_cancel"),
    path("placeringar/<int:pk>/uppfoljning/", views.follow_up_create, name="follow_up_create"),
    path("placeringar/<int:pk>/avsluta/", views.placement_end, name="placement_end"),
    path("utfallskontroller/<int:pk>/", views.outcome_check_record, name="outcome_check_record"),
    path("rapporter/", views.report, name="report"),
    path("rapporter/csv/", views.report_csv, name="report_csv"),
]
