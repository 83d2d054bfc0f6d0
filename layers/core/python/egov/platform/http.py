"""The one HTTP glue: a Powertools resolver per Lambda, RFC 9457 problems, the caller's language.

A handler module does:

    app = api()

    @app.post("/producers")
    def register(body: Registration) -> Created: ...

    lambda_handler = entry(app)
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Mapping
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.event_handler.api_gateway import ResponseBuilder, Route
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.shared.json_encoder import Encoder
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field

from egov.platform import access, i18n
from egov.platform.observability import (
    API_CORRELATION_PATH,
    correlation_id,
    lambda_entry,
    logger,
    metrics,
)
from egov.platform.problems import (
    PROBLEM_BASE,
    BadRequest,
    FieldError,
    Internal,
    Invalid,
    NotFound,
    Problem,
    UnsupportedMediaType,
)

PROBLEM_JSON = "application/problem+json"
# `responses=` of a route that answers 204: documented without a body, as it is sent.
NO_CONTENT: dict[int, OpenAPIResponse] = {204: {"description": "Done", "content": {}}}


class FieldProblem(BaseModel):
    model_config = ConfigDict(defer_build=True)

    field: str
    code: str
    detail: str


class ProblemDocument(BaseModel):
    """The body of every error answer (RFC 9457), as `problem_body` writes it; the OpenAPI
    document declares it for every operation's 4xx and 5xx answers (G7)."""

    model_config = ConfigDict(defer_build=True)

    # A problem may carry members of its own (`Problem.extra`), as RFC 9457 allows.
    model_config = ConfigDict(defer_build=True, extra="allow", populate_by_name=True)

    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None
    correlation_id: str = Field(alias="correlationId")


def language(app: APIGatewayRestResolver) -> i18n.Lang:
    headers = app.current_event.headers or {}
    lowered = {k.lower(): v for k, v in headers.items()}
    return i18n.pick_language(lowered.get("accept-language"))


def problem_body(problem: Problem, lang: i18n.Lang, instance: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + problem.kind,
        "title": i18n.text(f"problem.{problem.kind}", lang),
        "status": problem.status,
        "detail": i18n.text(problem.key, lang, problem.params),
        "code": problem.key,
    }
    if instance:
        body["instance"] = instance
    if problem.errors:
        body["errors"] = [
            {
                "field": error.field,
                "code": error.key,
                "detail": i18n.text(error.key, lang, error.params),
            }
            for error in problem.errors
        ]
    body.update(problem.extra)
    body["correlationId"] = correlation_id()
    return body


def problem_response(app: APIGatewayRestResolver, problem: Problem) -> Response:
    body = problem_body(problem, language(app), app.current_event.path)
    return Response(
        status_code=problem.status,
        content_type=PROBLEM_JSON,
        body=json.dumps(body, ensure_ascii=False),
        headers=dict(problem.headers),
    )


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    # Powertools prefixes the source ("body", "query", "path", "header") and the parameter name.
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
        if len(parts) > 1 and parts[0] == "body":
            parts = parts[1:]
    return ".".join(parts) or "body"


def validation_problem(error: RequestValidationError) -> Problem:
    errors = []
    for item in error.errors():
        kind = item.get("type", "")
        field = _field_name(item.get("loc", ()))
        if kind == "missing":
            key = "field.required"
        elif kind == "json_invalid":
            # Powertools puts the error's offset in the text after "body"; the field is the body.
            key, field = "body.invalid-json", "body"
        elif kind == "extra_forbidden":
            key = "field.unknown"
        else:
            key = _custom_key(item)
        errors.append(FieldError(field, key, _params(item)))
    first = errors[0] if errors else FieldError("body", "field.invalid")
    return Invalid(first.key, params=first.params, errors=errors)


def _custom_key(item: Mapping[str, Any]) -> str:
    """Our validators raise PydanticCustomError with an i18n key as the error type."""
    kind = str(item.get("type", ""))
    return kind if kind in i18n.TEXTS else "field.invalid"


def _params(item: Mapping[str, Any]) -> dict[str, object]:
    context = item.get("ctx") or {}
    return {k: v for k, v in context.items() if isinstance(v, str | int | float)}


def _portal_cors() -> CORSConfig | None:
    """Answers carry Access-Control-Allow-Origin for the portal's origin (the template's
    PortalOrigin), so a browser there may read them; preflight is API Gateway's."""
    origin = os.environ.get("PORTAL_ORIGIN")
    if not origin:
        return None
    return CORSConfig(
        allow_origin=origin,
        allow_headers=["Accept-Language", "Idempotency-Key", "X-Correlation-Id"],
        expose_headers=["Location", "Retry-After", "X-Correlation-Id"],
        max_age=600,
    )


class _Resolver(APIGatewayRestResolver):
    """Powertools' resolver that admits the caller (egov.platform.access) before anything else.

    Powertools validates parameters and body before any middleware or the handler runs, so the
    check cannot be a middleware: it comes first here, and its refusal is a problem like any.
    """

    def _call_route(self, route: Route, route_arguments: dict[str, str]) -> ResponseBuilder:
        try:
            access.admit(self, f"{route.method} {route.openapi_path}", route_arguments)
        except Problem as refused:
            answer = self._call_exception_handler(refused, route)
            if answer is None:
                raise
            return answer
        return super()._call_route(route, route_arguments)


def api(**kwargs: Any) -> APIGatewayRestResolver:
    # Names keep their letters end to end (DESIGN rule 12): UTF-8, not \u escapes.
    serializer = functools.partial(
        json.dumps, separators=(",", ":"), ensure_ascii=False, cls=Encoder
    )
    app = _Resolver(enable_validation=True, serializer=serializer, cors=_portal_cors(), **kwargs)

    @app.exception_handler(RequestValidationError)
    def _invalid(error: RequestValidationError) -> Response:
        if any(tuple(item.get("loc", ()))[:1] == ("response",) for item in error.errors()):
            # Our own answer broke its declared model: a defect, never the caller's fault.
            logger.error("response failed validation", extra={"errors": str(error.errors())})
            return problem_response(app, Internal("problem.internal"))
        return problem_response(app, validation_problem(error))

    @app.exception_handler(UnicodeDecodeError)
    def _not_utf8(error: UnicodeDecodeError) -> Response:
        # API Gateway hands over a body that is not UTF-8 base64-encoded; Powertools fails to
        # decode it. Such a body cannot be JSON (RFC 8259): the caller's mistake, not a defect.
        # Any other undecodable bytes are ours and stay a failure.
        if not app.current_event.is_base64_encoded:
            raise error
        return problem_response(app, Invalid("body.invalid-json", field="body"))

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported(error: RequestUnsupportedContentType) -> Response:
        # Every body the API reads is JSON: text, XML or bytes are the caller's mistake.
        return problem_response(app, UnsupportedMediaType("body.media-type", field="Content-Type"))

    @app.exception_handler(RecursionError)
    def _too_deep(error: RecursionError) -> Response:
        # The JSON parser recurses once per level: a body nested thousands deep exhausts the
        # stack. That is the caller's mistake; a recursion of our own stays a defect.
        if _nests_too_deep(app.current_event.decoded_body):
            return problem_response(app, BadRequest("body.too-deep", field="body"))
        return _defect(error)

    @app.exception_handler(Problem)
    def _problem(problem: Problem) -> Response:
        if problem.status in (401, 403):
            logger.warning(
                "access refused", extra={"code": problem.key, "path": app.current_event.path}
            )
        return problem_response(app, problem)

    @app.exception_handler(Exception)
    def _defect(error: Exception) -> Response:
        if isinstance(error, NotFoundError):
            return problem_response(app, NotFound("route.not-found"))
        # A defect: logged with its traceback and counted, and answered as a problem carrying
        # the correlation id rather than API Gateway's bare 502.
        logger.exception("unhandled error")
        metrics.add_metric(name="UnhandledErrors", unit=MetricUnit.Count, value=1)
        return problem_response(app, Internal("problem.internal"))

    return app


def _nests_too_deep(body: str | None) -> bool:
    try:
        json.loads(body or "null")
    except RecursionError:
        return True
    except ValueError:
        return False
    return False


def entry(app: APIGatewayRestResolver) -> Callable[[dict[str, Any], LambdaContext], dict[str, Any]]:
    """The Lambda entry point of a one-route function: logs, traces, metrics, correlation id."""

    def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        response = app.resolve(event, context)
        headers = response.setdefault("headers", {}) or {}
        headers["X-Correlation-Id"] = correlation_id()
        response["headers"] = headers
        return response

    return lambda_entry(lambda_handler, API_CORRELATION_PATH)


def created(model: BaseModel, location: str | None = None) -> Response:
    headers = {"Location": location} if location else {}
    return Response(
        status_code=201,
        content_type="application/json",
        body=model.model_dump(mode="json", by_alias=True),
        headers=headers,
    )


def ok(model: BaseModel, status: int = 200) -> Response:
    return Response(
        status_code=status,
        content_type="application/json",
        body=model.model_dump(mode="json", by_alias=True),
    )


def on_the_phone(done: str) -> dict[int, OpenAPIResponse]:
    """The answers of a route polled until the person answers on the phone (ASAN İmza)."""
    return {
        200: {"description": done},
        202: {"description": "Not answered on the phone yet: poll again"},
    }


def polled(result: BaseModel, pending: type[BaseModel]) -> Response:
    """202 with the pending session while the phone has not answered, else 200 with the result."""
    return ok(result, status=202 if isinstance(result, pending) else 200)
