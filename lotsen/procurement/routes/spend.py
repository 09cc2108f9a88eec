"""The URLs of spend; urls.py gathers every part's."""

urlpatterns: list = []
