"""What API Gateway answers by itself is an RFC 9457 problem in Azerbaijani first, with English,
as every handler's refusal is; the local gateway serves the template's own entries (issue 9, G7,
DESIGN rules 2 and 12)."""

from __future__ import annotations

import json
import os
import re
from typing import Any

import httpx
import pytest

from devstack.gateway import TemplateApp
from devstack.gateway_responses import GatewayResponses
from devstack.template import Template
from egov.platform import i18n
from egov.platform.http import PROBLEM_JSON, ProblemDocument
from egov.platform.problems import PROBLEM_BASE
from tests.conftest import LocalAws

# Every response type API Gateway documents for REST APIs but the two defaults: each has its own
# entry, so its status is known and stated in the body (DEFAULT_4XX could not state it).
RESPONSE_TYPES = {
    "ACCESS_DENIED",
    "API_CONFIGURATION_ERROR",
    "AUTHORIZER_CONFIGURATION_ERROR",
    "AUTHORIZER_FAILURE",
    "BAD_REQUEST_BODY",
    "BAD_REQUEST_PARAMETERS",
    "EXPIRED_TOKEN",
    "INTEGRATION_FAILURE",
    "INTEGRATION_TIMEOUT",
    "INVALID_API_KEY",
    "INVALID_SIGNATURE",
    "MISSING_AUTHENTICATION_TOKEN",
    "QUOTA_EXCEEDED",
    "REQUEST_TOO_LARGE",
    "RESOURCE_NOT_FOUND",
    "THROTTLED",
    "UNAUTHORIZED",
    "UNSUPPORTED_MEDIA_TYPE",
    "WAF_FILTERED",
}


@pytest.fixture(scope="module")
def entries() -> dict[str, Any]:
    return GatewayResponses(Template()).entries


def test_every_response_type_of_api_gateway_is_declared(entries: dict[str, Any]) -> None:
    assert set(entries) == RESPONSE_TYPES | {"DEFAULT_5XX"}


def test_each_is_a_problem_in_azerbaijani_with_english(entries: dict[str, Any]) -> None:
    for response_type, entry in entries.items():
        template = entry["ResponseTemplates"]["application/json"]
        # A gateway response only substitutes variables; the one we use is the request id.
        assert set(re.findall(r"\$[\w.]+", template)) == {"$context.requestId"}, response_type
        body = json.loads(template.replace("$context.requestId", "request-1"))
        problem = ProblemDocument.model_validate(body)
        assert problem.status == int(entry["StatusCode"]), response_type
        assert problem.type.startswith(PROBLEM_BASE), response_type
        assert problem.correlation_id == "request-1"
        assert entry["ResponseParameters"]["Headers"]["Content-Type"] == f"'{PROBLEM_JSON}'"
        english = body["en"]
        assert english["title"] != problem.title, response_type
        assert english["detail"] != problem.detail, response_type
        kind = problem.type.removeprefix(PROBLEM_BASE)
        if f"problem.{kind}" in i18n.TEXTS:  # the handlers' title of the same kind
            assert problem.title == i18n.text(f"problem.{kind}", "az"), response_type
            assert english["title"] == i18n.text(f"problem.{kind}", "en"), response_type
        if problem.code in i18n.TEXTS:
            assert problem.detail == i18n.text(problem.code, "az"), response_type


def test_a_throttled_caller_is_told_when_to_come_back(entries: dict[str, Any]) -> None:
    for response_type in ("THROTTLED", "QUOTA_EXCEEDED"):
        assert entries[response_type]["ResponseParameters"]["Headers"]["Retry-After"] == "'1'"


def test_no_route_is_the_404_a_handler_gives_for_one(entries: dict[str, Any]) -> None:
    """API Gateway's 403 "Missing Authentication Token" says nothing true here (the API has no
    IAM auth): it is the same 404 `route.not-found` as the handlers' own."""
    body = json.loads(
        entries["MISSING_AUTHENTICATION_TOKEN"]["ResponseTemplates"]["application/json"]
    )
    assert (body["status"], body["code"]) == (404, "route.not-found")


def _problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    body: dict[str, Any] = response.json()
    ProblemDocument.model_validate(body)
    return body


def test_local_gateway_answers_an_unknown_route_or_method_from_the_template(
    platform: LocalAws,
) -> None:
    api = os.environ["PUBLIC_API_URL"]
    expected = json.loads(
        GatewayResponses(platform.template).entries["MISSING_AUTHENTICATION_TOKEN"][
            "ResponseTemplates"
        ]["application/json"]
    )
    for method, path, headers in (
        ("GET", "/no/such/route", {}),
        ("GET", "/no/such/route", {"Authorization": "Bearer x"}),  # Chalice's SigV4 variant
        ("DELETE", "/producers", {}),  # a path that has no such method
    ):
        body = _problem(httpx.request(method, api + path, headers=headers), 404)
        assert body["title"] == "Tapılmadı"
        assert {k: v for k, v in body.items() if k != "correlationId"} == {
            k: v for k, v in expected.items() if k != "correlationId"
        }
        assert body["correlationId"] != "$context.requestId"


def test_local_gateway_refuses_a_body_over_10_mb(platform: LocalAws) -> None:
    api = os.environ["PUBLIC_API_URL"]
    response = httpx.post(api + "/uploads", content=b"x" * (10 * 1024 * 1024 + 1))
    assert _problem(response, 413)["code"] == "gateway.request-too-large"


def test_local_gateway_answers_a_crashed_function_with_the_5xx_entry(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = TemplateApp(local_aws.functions)

    def crash(function: str, event: dict[str, Any]) -> Any:
        raise MemoryError("Runtime exited")

    monkeypatch.setattr(local_aws.functions, "invoke", crash)
    chalice_event = {
        "requestContext": {
            "resourcePath": "/health",
            "httpMethod": "GET",
            "path": "/health",
            "identity": {"sourceIp": "127.0.0.1"},
        },
        "headers": {},
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "body": None,
    }
    answer = app(chalice_event, None)
    assert answer["statusCode"] == 502
    assert answer["headers"]["Content-Type"] == PROBLEM_JSON
    assert json.loads(answer["body"])["code"] == "gateway.function-failed"
