"""Pages of the applications app: decisions (see applications/urls.py)."""

me_urlpatterns: list = []  # mounted at /me/
org_urlpatterns: list = []  # mounted at /o/<org>/
