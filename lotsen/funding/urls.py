from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.index, name="index"),
    path("plan/ny/", views.plan_create, name="plan_create"),
    path("plan/<int:year>/", views.plan_detail, name="plan"),
    path("plan/<int:year>/andra/", views.plan_edit, name="plan_edit"),
    path("plan/<int:year>/omrade/nytt/", views.item_edit, name="item_create"),
    path("plan/<int:year>/omrade/<int:pk>/", views.item_edit, name="item_edit"),
    path("plan/<int:year>/omrade/<int:pk>/ta-bort/", views.item_remove, name="item_remove"),
    path("plan/<int:year>/faststall/", views.plan_adopt, name="plan_adopt"),
    path("plan/<int:year>/stang/", views.plan_close, name="plan_close"),
    path("plan/<int:year>/uppfoljning/", views.followup, name="followup"),
    path("plan/<int:year>/uppfoljning.pdf", views.followup_pdf, name="followup_pdf"),
    path("plan/<int:year>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("bidrag/", views.contribution_list, name="contributions"),
    path("bidrag/nytt/", views.contribution_create, name="contribution_create"),
    path("utgifter/", views.expenditure_list, name="expenditures"),
    path("utgifter/ny/", views.expenditure_create, name="expenditure_create"),
    path("utford-insats/", views.delivered_list, name="delivered"),
    path("scenarier/", views.scenario_list, name="scenarios"),
    path("scenarier/nytt/", views.scenario_new, name="scenario_create"),
    path("scenarier/<int:pk>/", views.scenario_detail, name="scenario"),
]
