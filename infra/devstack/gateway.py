"""The local API Gateway: Chalice's local server, routing the template's `Api` events.

Chalice matches the path and builds a request; we complete it into the REST API proxy event
that API Gateway sends (resource, path, httpMethod, headers, multiValue variants, query string,
requestContext) and call the function's handler in-process, byte-for-byte the code deployed.
"""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
import uuid
from typing import Any

from chalice.config import Config
from chalice.local import LocalDevServer, RouteMatcher, ThreadedHTTPServer

from devstack.gateway_responses import GatewayResponses, RequestHandler
from devstack.runtime import Functions
from devstack.serving import Listening
from devstack.template import ACCOUNT, Template
from devstack.workers import Busy, WorkerDied, WorkerPool
from egov.platform import clock, i18n
from egov.platform.http import PROBLEM_JSON, problem_body
from egov.platform.problems import Problem

log = logging.getLogger("devstack.gateway")
# Local stack only: the stack's (possibly scaled) clock on every answer, so that clients and
# tests reckon dates in the time the platform checks them against.
CLOCK_HEADER = "X-Local-Clock"
HEALTH = "/health"

i18n.register(
    {
        "gateway.starting": {
            "az": "Platforma hələ başlayır; bir azdan yenidən cəhd edin",
            "en": "The platform is still starting; please try again shortly",
        },
    }
)


class Starting(Problem):
    """Local stack only: /health before the demo data is in."""

    status = 503
    kind = "unavailable"


class _Server(Listening, ThreadedHTTPServer):
    pass


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


def find_route(template: Template, method: str, path: str) -> tuple[str, str, dict[str, str]]:
    """The function, resource and path parameters API Gateway picks for `method path`: Chalice's
    matcher over the template's routes (a concrete segment before a `{parameter}`), as the local
    gateway's server matches; LookupError where API Gateway would answer 404."""
    routes = {(r.path, r.method): r.function for f in template.functions.values() for r in f.routes}
    try:
        match = RouteMatcher(sorted({p for p, _ in routes})).match_route(path)
    except ValueError:
        raise LookupError(f"no route {path}") from None
    function = routes.get((match.route, method.upper()))
    if function is None:
        raise LookupError(f"no {method} on {match.route}")
    return function, match.route, match.captured


class _Api:
    binary_types = BINARY_TYPES


class TemplateApp:
    """Stands in for a Chalice app: the routes are the template's, the views are our handlers."""

    def __init__(
        self,
        functions: Functions,
        stage: str = "dev",
        workers: WorkerPool | None = None,
        ready: threading.Event | None = None,
    ) -> None:
        self.functions = functions
        self.workers = workers
        self.stage = stage
        self.api = _Api()
        self.gateway_responses = GatewayResponses(functions.template)
        self._one_at_a_time = threading.Lock()
        # The stack sets it once the demo data is in: until then /health answers 503, so that
        # a healthy stack is a usable one.
        if ready is None:
            ready = threading.Event()
            ready.set()
        self.ready = ready
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
        response = self._answer(entry.function, event)
        response["headers"][CLOCK_HEADER] = clock.now_iso()
        return response

    def _answer(self, function: str, event: dict[str, Any]) -> dict[str, Any]:
        method, resource = event["httpMethod"], event["resource"]
        if resource == HEALTH and not self.ready.is_set():
            starting = Starting("gateway.starting", headers={"Retry-After": "1"})
            return _problem(starting, event)
        try:
            response = self._invoke(function, event)
        except Busy:  # as Lambda's concurrency limit throttles
            log.warning("429 for %s %s: every worker busy and the queue full", method, resource)
            return self.gateway_responses.answer("THROTTLED")
        except WorkerDied:
            log.error("502 for %s %s: the worker running it died", method, resource)
            return self.gateway_responses.answer("DEFAULT_5XX")
        except Exception:  # an unhandled error in a handler is API Gateway's 502
            log.exception("502 for %s %s: the function failed", method, resource)
            return self.gateway_responses.answer("DEFAULT_5XX")
        return _single_valued(response)

    def _invoke(self, function: str, event: dict[str, Any]) -> Any:
        if self.workers:
            return self.workers.invoke(function, event, bounded=True)
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


def _problem(problem: Problem, event: dict[str, Any]) -> dict[str, Any]:
    headers = {k.lower(): v for k, v in (event.get("headers") or {}).items()}
    language = i18n.pick_language(headers.get("accept-language"))
    return {
        "statusCode": problem.status,
        "headers": {"Content-Type": PROBLEM_JSON, **problem.headers},
        "multiValueHeaders": {},
        "body": json.dumps(problem_body(problem, language, event["path"]), ensure_ascii=False),
    }


def server(
    functions: Functions,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: WorkerPool | None = None,
    ready: threading.Event | None = None,
) -> LocalDevServer:
    """The gateway; given `ready`, /health answers 503 until it is set."""
    config = Config(
        chalice_stage="dev", user_provided_params={"lambda_timeout": 29, "lambda_memory_size": 512}
    )
    # duck-types the Chalice app the server expects
    app: Any = TemplateApp(functions, workers=workers, ready=ready)
    return LocalDevServer(app, config, host, port, handler_cls=RequestHandler, server_cls=_Server)
