"""API of the applications app: decisions (see mentorship/api_urls.py)."""

me_urlpatterns: list = []  # /api/v1/me/
org_urlpatterns: list = []  # /api/v1/orgs/<org>/
