"""Enumerates the tenant routes from the URL resolver, so a route is covered the day it is
added."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

TENANT_PREFIXES = ("o/<slug:org>/", "api/v1/orgs/<slug:org>/")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, for reverse()
    route: str  # the pattern text, for messages
    params: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")


def _param_names(pattern) -> list[str]:
    converters = getattr(pattern, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(pattern, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def _walk(resolver, prefix="", namespace=None, params=()):
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern).lstrip("^").rstrip("$")
        names = (*params, *_param_names(entry.pattern))
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, text, ns, names)
        elif isinstance(entry, URLPattern):
            yield text, entry, namespace, names


def tenant_routes(urlconf=None) -> list[Route]:
    routes = []
    for text, entry, namespace, names in _walk(get_resolver(urlconf)):
        if not text.startswith(TENANT_PREFIXES):
            continue
        if entry.name is None:
            raise AssertionError(f"Tenant route {text!r} has no name; name it so it can be tested.")
        name = f"{namespace}:{entry.name}" if namespace else entry.name
        routes.append(Route(name=name, route=text, params=tuple(dict.fromkeys(names))))
    return routes
