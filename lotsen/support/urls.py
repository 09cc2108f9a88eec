from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("kontakt/", views.contact, name="contact"),
    path("kontakt/arende/<str:token>/", views.public_request, name="public_request"),
    path("stod/erbjudanden/", views.catalogue, name="catalogue"),
    path("stod/erbjudanden/nytt/", views.offer_edit, name="offer_create"),
    path("stod/erbjudanden/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("stod/erbjudanden/<int:pk>/andra/", views.offer_edit, name="offer_edit"),
    path("stod/erbjudanden/luckor/", views.gaps, name="gaps"),
    path("stod/arenden/", views.request_list, name="request_list"),
    path("stod/arenden/<int:pk>/", views.request_detail, name="request_detail"),
    path("stod/arenden/<int:pk>/triagera/", views.request_triage, name="request_triage"),
    path("stod/arenden/<int:pk>/meddelande/", views.request_message, name="request_message"),
    path("stod/arenden/<int:pk>/status/", views.request_move, name="request_move"),
    path("stod/arenden/<int:pk>/avsluta/", views.request_close, name="request_close"),
    path("stod/arenden/<int:pk>/timmar/", views.request_hours, name="request_hours"),
    path("stod/arenden/<int:pk>/bilagor/<int:message_pk>/", views.attachment, name="attachment"),
    path("stod/arenden/<int:pk>/mentor/", views.request_mentor, name="request_mentor"),
    path("stod/timbank/", views.timebank, name="timebank"),
    path("stod/timbank/tilldela/", views.timebank_grant, name="timebank_grant"),
    path("stod/timbank/<int:pk>/", views.timebank_account, name="timebank_account"),
    path("stod/mentorer/", views.mentor_list, name="mentor_list"),
    path("stod/mentorer/ny/", views.mentor_edit, name="mentor_create"),
    path("stod/mentorer/<int:pk>/andra/", views.mentor_edit, name="mentor_edit"),
    path("stod/matchningar/<int:pk>/", views.match_detail, name="match_detail"),
]
