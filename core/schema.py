"""The OpenAPI schema's one AutoSchema (settings REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"]): every
operation declares the error statuses it can answer, each with the shared error body, so an
endpoint added anywhere gets them without writing them out. It also keeps two truths that
drf-spectacular does not see on its own: a URL field that may be blank is not always a URI,
and an operation without pagination returns a plain list.

Which statuses, and why (core.api.exception_handler and DRF make them):

- 400: the request body or a query parameter is invalid (field messages in the body);
- 401: credentials were sent but are wrong, or none were sent where they are needed;
- 403: the role may not, the second factor is missing, or a browser session's CSRF check failed;
- 404: an object in the path (or named in the body) does not exist or is not the caller's to
  know, a page number past the end, or a staff endpoint asked by someone not staff;
- 409: the change would break what other records depend on (core.errors.Conflict);
- 415: the request body's content type is not one the endpoint reads;
- 422: an Idempotency-Key reused for a different request (core.idempotency);
- 503: a service the request needs did not answer in time (core.middleware)."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import permissions

ERROR_COMPONENT = ResolvedComponent(
    name="Error",
    type=ResolvedComponent.SCHEMA,
    object="Error",
    schema={
        "type": "object",
        "description": "Why the request was refused, in a sentence a person can act on.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
)
VALIDATION_ERROR_COMPONENT = ResolvedComponent(
    name="ValidationError",
    type=ResolvedComponent.SCHEMA,
    object="ValidationError",
    schema={
        "type": "object",
        "description": "What is wrong with the request: `detail` for the request as a whole "
        "(e.g. unreadable JSON), `non_field_errors` for rules across fields, and each invalid "
        "field's name with its messages (nested for nested fields).",
        "properties": {
            "detail": {"type": "string"},
            "non_field_errors": {"type": "array", "items": {"type": "string"}},
        },
        "additionalProperties": {},
    },
)

DESCRIPTIONS = {
    "400": "The request is invalid; the body says what to fix.",
    "401": "Not signed in, or the token is wrong.",
    "403": "Signed in, but not allowed to do this (role, second factor or CSRF).",
    "404": "Not found, or not yours to see.",
    "409": "Refused: other records depend on this.",
    "415": "The request body's content type is not supported.",
    "422": "This Idempotency-Key was already used for a different request.",
    "503": "A service this request needs is not answering; try again in a minute.",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        declared_errors = [
            code for code in operation["responses"] if code.isdigit() and int(code) >= 400
        ]
        for code in sorted({*self._error_statuses(operation), *declared_errors}):
            component = VALIDATION_ERROR_COMPONENT if code == "400" else ERROR_COMPONENT
            registry.register_on_missing(component)
            content = {"application/json": {"schema": component.ref}}
            declared = operation["responses"].get(code)
            if declared is None:
                operation["responses"][code] = {
                    "description": DESCRIPTIONS.get(code, ""),
                    "content": content,
                }
            elif not declared.get("content"):
                declared["content"] = content
        operation["responses"] = dict(
            sorted(operation["responses"].items(), key=lambda item: item[0])
        )
        return operation

    def _error_statuses(self, operation) -> list[str]:
        parameters = operation.get("parameters", [])
        in_query = any(parameter["in"] == "query" for parameter in parameters)
        in_path = any(parameter["in"] == "path" for parameter in parameters)
        headers = {parameter["name"] for parameter in parameters if parameter["in"] == "header"}
        paginated = any(parameter["name"] == "page" for parameter in parameters)
        staff_only = self.path.startswith("/api/v1/staff/")
        unsafe = self.method in UNSAFE_METHODS
        public = all(
            isinstance(permission, permissions.AllowAny)
            for permission in self.view.get_permissions()
        )
        codes = ["401", "503"]
        if unsafe or in_query or "requestBody" in operation or headers:
            codes.append("400")
        if unsafe or not public:
            codes.append("403")
        if in_path or paginated or staff_only or unsafe:
            # Unsafe: an object named in the body may not exist (or not be the caller's).
            codes.append("404")
        if unsafe:
            codes.append("409")
        if "requestBody" in operation:
            codes.append("415")
        if "Idempotency-Key" in headers:
            codes.append("422")
        return codes

    def _get_paginator(self):
        # A viewset paginates its `list` only (ListModelMixin); its own actions that return a
        # list (e.g. /decisions/{id}/history/) return a plain list. Nothing here calls
        # paginate_queryset elsewhere; an action that does must say so with @extend_schema.
        action = getattr(self.view, "action", None)
        if action is not None and action != "list":
            return None
        return super()._get_paginator()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        model_field = _model_field(field)
        # DRF drops allow_blank and allow_null from read-only fields; the model still says.
        if field.read_only and model_field is not None and model_field.null:
            if "$ref" not in schema and "allOf" not in schema:
                schema = {**schema, "nullable": True}
        may_be_blank = getattr(field, "allow_blank", False) or (
            field.read_only and (model_field is None or model_field.blank)
        )
        # A read-only choice (e.g. a country) left blank is "", outside its enum.
        # (drf-spectacular's enum hook then names it "CountryEnum or BlankEnum").
        if (
            field.read_only
            and model_field is not None
            and model_field.blank
            and "" not in schema.get("enum", [""])
        ):
            schema = {**schema, "enum": [*schema["enum"], ""]}
        # A blank URL (or email) field holds "", which is no URI: say so.
        if (
            schema.get("format") in {"uri", "email"}
            and schema.get("type") == "string"
            and may_be_blank
        ):
            kept = {"readOnly", "writeOnly", "title", "description", "nullable"}
            formatted = {key: value for key, value in schema.items() if key not in kept}
            blank = {"type": "string", "enum": [""]}
            schema = {"anyOf": [formatted, blank]} | {
                key: value for key, value in schema.items() if key in kept
            }
        return schema


def _model_field(field):
    """The model field a serializer field reads, when it reads one directly."""
    model = getattr(getattr(getattr(field, "parent", None), "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or not source or "." in source or source == "*":
        return None
    try:
        found = model._meta.get_field(source)
    except Exception:
        return None
    return found if hasattr(found, "blank") and hasattr(found, "null") else None
