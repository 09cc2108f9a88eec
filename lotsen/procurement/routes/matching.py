"""The URLs of matching; urls.py gathers every part's."""

urlpatterns: list = []
