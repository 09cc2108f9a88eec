from django.urls import path

from .views import followup, openings, participants, placements, referrals

app_name = "placements"
urlpatterns = [
    path("platser/", openings.opening_list, name="opening_list"),
    path("platser/ny/", openings.opening_edit, name="opening_create"),
    path("platser/<int:pk>/", openings.opening_detail, name="opening_detail"),
    path("platser/<int:pk>/andra/", openings.opening_edit, name="opening_edit"),
    path("deltagare/", participants.participant_list, name="participant_list"),
    path("deltagare/ny/", participants.participant_create, name="participant_create"),
    path(
        "deltagare/ny-anonym/",
        participants.participant_create_anonymous,
        name="participant_anonymous",
    ),
    path("deltagare/<str:code>/", participants.participant_detail, name="participant_detail"),
    path("deltagare/<str:code>/andra/", participants.participant_edit, name="participant_edit"),
    path(
        "deltagare/<str:code>/aterkalla-samtycke/",
        participants.participant_withdraw_consent,
        name="participant_withdraw_consent",
    ),
    path(
        "deltagare/<str:code>/aterkalla-uppfoljning/",
        participants.participant_withdraw_follow_up_consent,
        name="participant_withdraw_follow_up_consent",
    ),
    path(
        "deltagare/<str:code>/registerutdrag/",
        participants.participant_export,
        name="participant_export",
    ),
    path("deltagare/<str:code>/ny-anvisning/", referrals.referral_create, name="referral_create"),
    path(
        "fran-stodarende/<int:pk>/",
        referrals.referral_from_support_request,
        name="referral_from_support_request",
    ),
    path("anvisningar/", referrals.referral_list, name="referral_list"),
    path("anvisningar/<int:pk>/", referrals.referral_detail, name="referral_detail"),
    path("anvisningar/<int:pk>/status/", referrals.referral_set_status, name="referral_set_status"),
    path("anvisningar/<int:pk>/foresla/", referrals.referral_propose, name="referral_propose"),
    path("placeringar/", placements.placement_list, name="placement_list"),
    path("placeringar/<int:pk>/", placements.placement_detail, name="placement_detail"),
    path("placeringar/<int:pk>/svar/", placements.placement_answer, name="placement_answer"),
    path(
        "placeringar/<int:pk>/aterkalla/", placements.placement_withdraw, name="placement_withdraw"
    ),
    path(
        "placeringar/<int:pk>/svar-per-telefon/",
        placements.placement_answer_by_phone,
        name="placement_answer_by_phone",
    ),
    path(
        "placeringar/<int:pk>/bjud-in-kontakt/",
        placements.placement_invite_contact,
        name="placement_invite_contact",
    ),
    path("placeringar/<int:pk>/overenskommelse/", placements.agreement_edit, name="agreement_edit"),
    path("placeringar/<int:pk>/godkann/", placements.agreement_approve, name="agreement_approve"),
    path(
        "placeringar/<int:pk>/overenskommelse.pdf", placements.agreement_pdf, name="agreement_pdf"
    ),
    path(
        "placeringar/<int:pk>/godkannande-pa-papper/",
        placements.agreement_paper_approval,
        name="agreement_paper_approval",
    ),
    path(
        "placeringar/<int:pk>/underskrift/<int:version>/",
        placements.agreement_approval_scan,
        name="agreement_approval_scan",
    ),
    path("placeringar/<int:pk>/starta/", placements.placement_start, name="placement_start"),
    path("placeringar/<int:pk>/avbryt/", placements.placement_cancel, name="placement_cancel"),
    path("placeringar/<int:pk>/uppfoljning/", followup.follow_up_create, name="follow_up_create"),
    path("placeringar/<int:pk>/avsluta/", placements.placement_end, name="placement_end"),
    path("utfallskontroller/<int:pk>/", followup.outcome_check_record, name="outcome_check_record"),
    path("rapporter/", followup.report, name="report"),
    path("rapporter/csv/", followup.report_csv, name="report_csv"),
]
