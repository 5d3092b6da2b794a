"""API of the applications app: review (see mentorship/api_urls.py)."""

me_urlpatterns: list = []  # /api/v1/me/
org_urlpatterns: list = []  # /api/v1/orgs/<org>/
