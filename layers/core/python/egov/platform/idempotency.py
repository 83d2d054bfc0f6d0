"""The one way a create endpoint honours an `Idempotency-Key` header (DESIGN rule 7).

A client that may retry a POST (a lost answer, a double click) sends a key of its choosing:

    ticket = idempotency.once(app, caller.user_id, attachments.UploadTicket,
                              lambda: attachments.request_upload(body, caller.actor))
    return created(ticket, f"/uploads/{ticket.attachmentId}")

The first request with a key runs the work and stores its result in the IdempotencyTable
(Powertools idempotency, DynamoDB persistence); a repeat with the same key, caller and path
gets the stored result without running the work again. The record is keyed by the key, the
caller and the method with the full path (one client's key never replays another's answer, nor
one application's answer for another: `/applications/A/fee` is not `/applications/B/fee`) and
remembers a hash of the request body, so the same key with a different body is refused with a
422 (as the IETF Idempotency-Key draft says), and a repeat while the first is still running gets a 409. Work that
fails leaves no record, so the retry runs it again. Without the header the work simply runs.

Functions using it need CRUD access to the IdempotencyTable.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from pydantic import BaseModel

from egov.platform import aws, i18n
from egov.platform.problems import Conflict, Invalid

HEADER = "Idempotency-Key"
TABLE_ENV = "IDEMPOTENCY_TABLE"
DEFAULT_SECONDS = 24 * 3600
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as the draft's sf-string allows


i18n.register(
    {
        "idempotency.key-invalid": {
            "az": "Idempotency-Key 1–255 görünən ASCII simvoldan ibarət olmalıdır",
            "en": "An Idempotency-Key has 1–255 visible ASCII characters",
        },
        "idempotency.key-reused": {
            "az": "Bu Idempotency-Key başqa məzmunlu sorğu üçün artıq istifadə olunub",
            "en": "This Idempotency-Key was already used for a request with a different body",
        },
        "idempotency.in-progress": {
            "az": "Bu Idempotency-Key ilə sorğu hələ icra olunur; bir az sonra təkrarlayın",
            "en": "A request with this Idempotency-Key is still being processed; retry shortly",
        },
    }
)


def key_of(app: APIGatewayRestResolver) -> str | None:
    """The request's idempotency key, or None; a malformed key is a 422 naming the header."""
    headers = {k.lower(): v for k, v in (app.current_event.headers or {}).items()}
    key = headers.get(HEADER.lower())
    if key is None:
        return None
    if not _KEY.match(key):
        raise Invalid("idempotency.key-invalid", field=HEADER)
    return key


def once[M: BaseModel](
    app: APIGatewayRestResolver,
    caller: str,
    model: type[M],
    work: Callable[[], M],
    *,
    remember_seconds: int = DEFAULT_SECONDS,
) -> M:
    """Run `work` once per (Idempotency-Key, caller, method and path); repeats get the first result.

    `remember_seconds` bounds how long a key replays (e.g. no longer than what the result
    stays useful for).
    """
    key = key_of(app)
    if key is None:
        return work()
    # Powertools idempotency loads only for a request that sends a key (issue 18).
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )
    from aws_lambda_powertools.utilities.idempotency.serialization.pydantic import (
        PydanticSerializer,
    )

    event = app.current_event
    request = {
        "key": key,
        "caller": caller,
        # The path as requested, not the route's template: its parameters name what is created.
        "path": f"{event.http_method} {event.path}",
        "body": event.json_body if event.body else None,
    }
    config = IdempotencyConfig(
        event_key_jmespath="[key, caller, path]",
        payload_validation_jmespath="body",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=remember_seconds,
        hash_function="sha256",
    )
    context = getattr(app, "lambda_context", None)  # set by resolve(); absent in direct calls
    if context is not None:
        config.register_lambda_context(context)
    persistence = DynamoDBPersistenceLayer(
        table_name=aws.resource_name(TABLE_ENV), boto3_client=aws.client("dynamodb")
    )

    @idempotent_function(
        data_keyword_argument="request",
        persistence_store=persistence,
        config=config,
        output_serializer=PydanticSerializer(model),
        key_prefix=f"{event.http_method} {event.resource}",
    )
    def run(request: dict[str, Any]) -> M:
        return work()

    try:
        return run(request=request)
    except IdempotencyValidationError as reused:
        raise Invalid("idempotency.key-reused", field=HEADER) from reused
    except IdempotencyAlreadyInProgressError as running:
        raise Conflict(
            "idempotency.in-progress", field=HEADER, headers={"Retry-After": "1"}
        ) from running
