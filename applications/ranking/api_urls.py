"""API of the ranking slice (mounted by config/api_urls.py)."""

from django.urls import path

from applications.ranking import api

me_urlpatterns: list = []
org_urlpatterns: list = [
    path("terms/<int:term>/rank-list/", api.RankListView.as_view(), name="rank-list"),
    path("terms/<int:term>/rank-list/move/", api.RankMoveView.as_view(), name="rank-list-move"),
    path("terms/<int:term>/rank-list/cut/", api.RankCutView.as_view(), name="rank-list-cut"),
]
