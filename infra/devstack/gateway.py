"""The local API Gateway: Chalice's local server, routing the template's `Api` events.

Chalice matches the path and builds a request; we complete it into the REST API proxy event
that API Gateway sends (resource, path, httpMethod, headers, multiValue variants, query string,
requestContext) and call the function's handler in-process, byte-for-byte the code deployed.
"""

from __future__ import annotations

import base64
import threading
import time
import uuid
from typing import Any

from chalice.config import Config
from chalice.local import LocalDevServer

from devstack.gateway_responses import GatewayResponses, RequestHandler
from devstack.runtime import Functions
from devstack.template import ACCOUNT
from devstack.workers import WorkerPool

BINARY_TYPES = ["application/octet-stream", "application/pdf", "image/png", "image/jpeg"]


class _Preflight:
    """The answer API Gateway's OPTIONS mock gives, from the template's `Cors` setting; Chalice
    adds `Access-Control-Allow-Methods` from the path's methods, as SAM does."""

    def __init__(self, cors: dict[str, str]) -> None:
        self.headers = {
            "Access-Control-Allow-Origin": cors["AllowOrigin"],
            "Access-Control-Allow-Headers": cors.get("AllowHeaders", ""),
        }
        if "MaxAge" in cors:
            self.headers["Access-Control-Max-Age"] = cors["MaxAge"]

    def get_access_control_headers(self) -> dict[str, str]:
        return dict(self.headers)


class _Entry:
    """What Chalice's gateway asks of a route: whether it has an authorizer, and its CORS."""

    authorizer = None

    def __init__(self, function: str, cors: _Preflight | None) -> None:
        self.function = function
        self.cors = cors


class _Api:
    binary_types = BINARY_TYPES


class TemplateApp:
    """Stands in for a Chalice app: the routes are the template's, the views are our handlers."""

    def __init__(
        self, functions: Functions, stage: str = "dev", workers: WorkerPool | None = None
    ) -> None:
        self.functions = functions
        self.workers = workers
        self.stage = stage
        self.api = _Api()
        self.gateway_responses = GatewayResponses(functions.template)
        self._one_at_a_time = threading.Lock()
        self.routes: dict[str, dict[str, _Entry]] = {}
        cors = functions.template.api_cors
        preflight = _Preflight(cors) if cors else None
        for fn in functions.template.functions.values():
            for route in fn.routes:
                methods = self.routes.setdefault(route.path, {})
                if route.method in methods:
                    raise RuntimeError(
                        f"{route.method} {route.path} is declared twice in the template"
                    )
                methods[route.method] = _Entry(fn.logical_id, preflight)

    def __call__(self, chalice_event: dict[str, Any], context: Any) -> dict[str, Any]:
        resource = chalice_event["requestContext"]["resourcePath"]
        method = chalice_event["requestContext"]["httpMethod"]
        entry = self.routes.get(resource, {}).get(method)
        if entry is None:  # API Gateway answers a method a path lacks as it answers no path
            return self.gateway_responses.answer("MISSING_AUTHENTICATION_TOKEN")
        event = self.proxy_event(chalice_event)
        try:
            response = self._invoke(entry.function, event)
        except Exception:  # an unhandled error in a handler is API Gateway's 502
            import traceback

            traceback.print_exc()
            return self.gateway_responses.answer("DEFAULT_5XX")
        return _single_valued(response)

    def _invoke(self, function: str, event: dict[str, Any]) -> Any:
        if self.workers:
            return self.workers.invoke(function, event)
        # Lambda never runs two invocations in one process; Powertools relies on that and keeps
        # the current event on its resolver *class* (BaseRouter.current_event), so in-process
        # requests go one at a time (devstack.workers runs them in parallel processes instead).
        with self._one_at_a_time:
            return self.functions.invoke(function, event)

    def proxy_event(self, chalice_event: dict[str, Any]) -> dict[str, Any]:
        ctx = chalice_event["requestContext"]
        headers = chalice_event["headers"]
        multi_query = chalice_event.get("multiValueQueryStringParameters")
        raw = chalice_event.get("body")
        encoded = bool(chalice_event.get("isBase64Encoded"))
        body = raw
        if isinstance(raw, bytes):
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError:
                body, encoded = base64.b64encode(raw).decode("ascii"), True
        now = time.time()
        return {
            "resource": ctx["resourcePath"],
            "path": ctx["path"],
            "httpMethod": ctx["httpMethod"],
            "headers": headers,
            "multiValueHeaders": {k: [v] for k, v in headers.items()},
            "queryStringParameters": {k: v[-1] for k, v in multi_query.items()}
            if multi_query
            else None,
            "multiValueQueryStringParameters": multi_query,
            "pathParameters": chalice_event.get("pathParameters") or None,
            "stageVariables": None,
            "requestContext": {
                "resourcePath": ctx["resourcePath"],
                "httpMethod": ctx["httpMethod"],
                "path": f"/{self.stage}{ctx['path']}",
                "accountId": ACCOUNT,
                "apiId": "local",
                "stage": self.stage,
                "protocol": "HTTP/1.1",
                "requestId": str(uuid.uuid4()),
                "extendedRequestId": str(uuid.uuid4()),
                "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
                "requestTimeEpoch": int(now * 1000),
                "identity": {
                    "sourceIp": ctx["identity"]["sourceIp"],
                    "userAgent": headers.get("user-agent"),
                },
            },
            "body": body,
            "isBase64Encoded": encoded,
        }


def _single_valued(response: dict[str, Any]) -> dict[str, Any]:
    """Chalice writes `headers` then `multiValueHeaders`; give it one plain dict of headers."""
    headers: dict[str, Any] = dict(response.get("headers") or {})
    for name, values in (response.get("multiValueHeaders") or {}).items():
        headers[name] = values[0] if len(values) == 1 else values
    return {**response, "headers": headers, "multiValueHeaders": {}}


def server(
    functions: Functions,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: WorkerPool | None = None,
) -> LocalDevServer:
    config = Config(
        chalice_stage="dev", user_provided_params={"lambda_timeout": 29, "lambda_memory_size": 512}
    )
    app: Any = TemplateApp(
        functions, workers=workers
    )  # duck-types the Chalice app the server expects
    return LocalDevServer(app, config, host, port, handler_cls=RequestHandler)
