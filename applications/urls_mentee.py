"""Pages of the applications app: mentee (see applications/urls.py)."""

me_urlpatterns: list = []  # mounted at /me/
org_urlpatterns: list = []  # mounted at /o/<org>/
