"""The URLs of publishing; urls.py gathers every part's."""

urlpatterns: list = []
