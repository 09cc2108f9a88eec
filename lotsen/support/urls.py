from django.urls import path

from .views import catalogue, mentors, one_door, requests, time_bank

app_name = "support"
urlpatterns = [
    path("kontakt/", one_door.contact, name="contact"),
    path("kontakt/arende/<str:token>/", one_door.public_request, name="public_request"),
    path("stod/erbjudanden/", catalogue.catalogue, name="catalogue"),
    path("stod/erbjudanden/nytt/", catalogue.offer_edit, name="offer_create"),
    path("stod/erbjudanden/<int:pk>/", catalogue.offer_detail, name="offer_detail"),
    path("stod/erbjudanden/<int:pk>/andra/", catalogue.offer_edit, name="offer_edit"),
    path("stod/erbjudanden/luckor/", catalogue.gaps, name="gaps"),
    path("stod/arenden/", requests.request_list, name="request_list"),
    path("stod/arenden/<int:pk>/", requests.request_detail, name="request_detail"),
    path("stod/arenden/<int:pk>/triagera/", requests.request_triage, name="request_triage"),
    path("stod/arenden/<int:pk>/meddelande/", requests.request_message, name="request_message"),
    path("stod/arenden/<int:pk>/status/", requests.request_move, name="request_move"),
    path("stod/arenden/<int:pk>/avsluta/", requests.request_close, name="request_close"),
    path("stod/arenden/<int:pk>/timmar/", requests.request_hours, name="request_hours"),
    path(
        "stod/arenden/<int:pk>/bilagor/<int:message_pk>/",
        requests.attachment,
        name="attachment",
    ),
    path("stod/arenden/<int:pk>/mentor/", requests.request_mentor, name="request_mentor"),
    path("stod/timbank/", time_bank.timebank, name="timebank"),
    path("stod/timbank/tilldela/", time_bank.timebank_grant, name="timebank_grant"),
    path("stod/timbank/<int:pk>/", time_bank.timebank_account, name="timebank_account"),
    path("stod/mentorer/", mentors.mentor_list, name="mentor_list"),
    path("stod/mentorer/ny/", mentors.mentor_edit, name="mentor_create"),
    path("stod/mentorer/<int:pk>/andra/", mentors.mentor_edit, name="mentor_edit"),
    path("stod/matchningar/<int:pk>/", mentors.match_detail, name="match_detail"),
]
