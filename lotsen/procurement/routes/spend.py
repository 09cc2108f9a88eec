"""The URLs of spend; urls.py gathers every part's."""

from django.urls import path

from ..feeds import NewOpportunitiesFeed
from ..views import spend

urlpatterns: list = [
    path("ocds.json", spend.ocds_package, name="ocds"),
    path("flode.atom", NewOpportunitiesFeed(), name="feed"),
    path("inkop/", spend.purchases, name="purchases"),
    path("inkop/ny/", spend.purchase_edit, name="purchase_create"),
    path("inkop/<int:pk>/", spend.purchase_edit, name="purchase_edit"),
    path("<slug:slug>/tilldelning/", spend.award, name="award"),
]
