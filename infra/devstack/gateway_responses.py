"""The answers API Gateway gives by itself, served locally from the template's `GatewayResponses`.

The template is the truth (DESIGN rule 2): status, headers and body of each response type come
from the `AWS::Serverless::Api`'s `GatewayResponses`, with `$context.requestId` filled in as API
Gateway does. A type the template leaves out falls back as API Gateway's does: to `DEFAULT_4XX` or
`DEFAULT_5XX` by its default status, else to API Gateway's own English `{"message"}`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from chalice.local import ChaliceRequestHandler, ForbiddenError, LocalGatewayException

from devstack.template import Template

# API Gateway's default status and message of the types the local gateway produces.
DEFAULTS = {
    "MISSING_AUTHENTICATION_TOKEN": (403, "Missing Authentication Token"),
    "REQUEST_TOO_LARGE": (413, "Request Too Long"),
    "THROTTLED": (429, "Too Many Requests"),
    "INTEGRATION_TIMEOUT": (504, "Endpoint request timed out"),
    "DEFAULT_5XX": (502, "Internal server error"),
}
# API Gateway refuses a request body above 10 MB before any function sees it.
MAX_BODY_BYTES = 10 * 1024 * 1024


class GatewayResponses:
    def __init__(self, template: Template) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        for api in template.of_type("AWS::Serverless::Api").values():
            self.entries.update(template.resolve(api["Properties"].get("GatewayResponses", {})))

    def answer(self, response_type: str, request_id: str | None = None) -> dict[str, Any]:
        """The proxy-shaped answer API Gateway gives for `response_type`."""
        status, message = DEFAULTS[response_type]
        entry = self.entries.get(response_type) or self.entries.get(f"DEFAULT_{status // 100}XX")
        if entry is None:
            return {
                "statusCode": status,
                "headers": {"Content-Type": "application/json"},
                "multiValueHeaders": {},
                "body": json.dumps({"message": message}),
            }
        # SAM quotes static header values ('...'), as API Gateway's mapping expressions need.
        headers = {
            name: str(value).strip("'")
            for name, value in entry.get("ResponseParameters", {}).get("Headers", {}).items()
        }
        headers.setdefault("Content-Type", "application/json")
        template = entry.get("ResponseTemplates", {}).get("application/json", "")
        body = template.replace("$context.requestId", request_id or str(uuid.uuid4()))
        return {
            "statusCode": int(entry.get("StatusCode", status)),
            "headers": headers,
            "multiValueHeaders": {},
            "body": body,
        }


class RequestHandler(ChaliceRequestHandler):
    """Chalice's request handler, with API Gateway's own refusals taken from the template: a
    body over 10 MB, and a path no route matches (Chalice's 403 `Missing Authentication Token`)."""

    def __init__(
        self, request: Any, client_address: Any, server: Any, app_object: Any, config: Any
    ):
        # Set first: the base class handles the request inside its __init__.
        self.gateway_responses: GatewayResponses = app_object.gateway_responses
        super().__init__(request, client_address, server, app_object, config)

    def _generic_handle(self) -> None:
        if int(self.headers.get("content-length") or 0) > MAX_BODY_BYTES:
            self.close_connection = True  # the body is left unread
            self._send_gateway_response("REQUEST_TOO_LARGE")
            return
        super()._generic_handle()

    # Chalice binds its do_* methods to its own _generic_handle.
    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = do_OPTIONS = _generic_handle

    def _send_error_response(self, error: LocalGatewayException) -> None:
        if isinstance(error, ForbiddenError):
            self._send_gateway_response("MISSING_AUTHENTICATION_TOKEN")
            return
        super()._send_error_response(error)

    def _send_gateway_response(self, response_type: str) -> None:
        answer = self.gateway_responses.answer(response_type)
        self._send_http_response(answer["statusCode"], answer["headers"], answer["body"])
