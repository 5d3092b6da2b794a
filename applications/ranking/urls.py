"""Pages of the ranking slice (mounted by applications/urls.py)."""

from django.urls import path

from applications.ranking import views

me_urlpatterns: list = []
org_urlpatterns: list = [
    path("ranking/terms/<int:term>/", views.rank_list, name="rank-list"),
    path("ranking/terms/<int:term>/move/", views.rank_list_move, name="rank-list-move"),
    path("ranking/terms/<int:term>/cut/", views.rank_list_cut, name="rank-list-cut"),
    path("ranking/terms/<int:term>/reset/", views.rank_list_reset, name="rank-list-reset"),
]
