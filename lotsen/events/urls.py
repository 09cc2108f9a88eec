from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("kalender.ics", views.calendar_feed, name="feed"),
    path("hantera/", views.manage, name="manage"),
    path("nytt/", views.event_edit, name="create"),
    path("statistik/", views.turnout, name="turnout"),
    path("avboka/<str:token>/", views.registration_cancel, name="cancel"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/kalender.ics", views.event_ics, name="ics"),
    path("<slug:slug>/andra/", views.event_edit, name="edit"),
    path("<slug:slug>/deltagare/", views.attendees, name="attendees"),
]
