from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("ny/", views.survey_create, name="create"),
    path("behov/", views.needs, name="needs"),
    path("tack/", views.thanks, name="thanks"),
    path("svara/<str:token>/", views.respond, name="respond"),
    path("serie/<slug:series>/", views.series_compare, name="compare"),
    path("serie/<slug:series>/panel/", views.series_panel, name="panel"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/resultat/", views.survey_results_view, name="results"),
    path("<int:pk>/resultat.<str:file_format>", views.survey_export, name="export"),
    path("<int:pk>/svar/<int:response_pk>/", views.response_detail, name="response"),
    path("<int:pk>/fragor/ny/", views.question_add, name="question_add"),
    path("<int:pk>/fragor/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/<str:action>/", views.survey_action, name="action"),
]
