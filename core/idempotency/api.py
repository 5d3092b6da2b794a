"""`Idempotency-Key` for DRF actions that must not run twice (decisions, confirmations,
bulk actions, and money endpoints later).

A client that retries a request (a timeout, a double click, a flaky network) sends the same
`Idempotency-Key` header; the first answer is stored and replayed, and the work is done
once. Reusing a key for a different request body is refused (422), so a bug in a client
cannot silently get the answer of another request.

How it holds under concurrency: the key's row is inserted first, in the same transaction
as the work. A concurrent request with the same key blocks on the unique index until the
first commits, then finds the stored answer and replays it (or, if the first rolled back,
inserts its own row and does the work). Answers of 5xx are not stored.

    class ThingViewSet(...):
        @idempotent
        @action(detail=True, methods=["post"])
        def approve(self, request, *args, **kwargs): ...
"""

import hashlib
import json
from functools import wraps

from django.db import IntegrityError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from core.idempotency.models import IdempotencyRecord

HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255

# For @extend_schema(parameters=[IDEMPOTENCY_PARAMETER]) on the decorated actions.
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="Any unique string (e.g. a UUID). Retrying with the same key replays the "
    "first answer instead of doing the work again; the same key with a different body is "
    "refused with 422.",
)


def _request_hash(request) -> str:
    data = request.data
    if hasattr(data, "lists"):  # a QueryDict (form or multipart posts)
        data = {key: values for key, values in data.lists()}
    body = json.dumps(data, sort_keys=True, cls=JSONEncoder, default=str)
    return hashlib.sha256(f"{request.method} {body}".encode()).hexdigest()


def _jsonable(data):
    return json.loads(json.dumps(data, cls=JSONEncoder))


def _replay(record, request_hash: str) -> Response:
    if record.request_hash != request_hash:
        return Response(
            {
                "detail": f"This {HEADER} was already used for a different request. Use a "
                "new key for a new request."
            },
            status=422,
        )
    response = Response(record.response_body, status=record.status_code)
    response[REPLAY_HEADER] = "true"
    return response


def idempotent(view_method):
    """Decorates a DRF view method (an action). Without the header it runs as usual."""

    @wraps(view_method)
    def wrapped(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            return Response(
                {"detail": f"{HEADER} is at most {MAX_KEY_LENGTH} characters."}, status=400
            )
        endpoint = f"{request.method} {request.path}"[:500]
        request_hash = _request_hash(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        user=request.user, key=key, endpoint=endpoint, request_hash=request_hash
                    )
            except IntegrityError:
                existing = IdempotencyRecord.objects.get(
                    user=request.user, key=key, endpoint=endpoint
                )
                return _replay(existing, request_hash)
            try:
                response = view_method(self, request, *args, **kwargs)
            except Exception as error:  # noqa: BLE001
                # Turn it into the answer the client gets (DRF's exception handler), so a
                # refusal is stored and replayed like any other answer.
                response = self.handle_exception(error)
            if response.status_code >= 500:
                transaction.set_rollback(True)
                return response
            record.status_code = response.status_code
            record.response_body = _jsonable(response.data)
            record.save(update_fields=["status_code", "response_body"])
        return response

    return wrapped
