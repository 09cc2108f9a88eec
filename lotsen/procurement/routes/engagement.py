"""The URLs of engagement; urls.py gathers every part's."""

urlpatterns: list = []
