"""The HTTP glue: problems name the field (G7) and names keep their letters (DESIGN rule 12)."""

import base64
import json

from devstack.events import rest_event
from devstack.runtime import LambdaContext
from tests.conftest import LocalAws


def test_answers_are_utf8_not_escaped(local_aws: LocalAws) -> None:
    response = local_aws.invoke(
        "DeadlineFunction",
        rest_event(
            "GET", "/calendar/deadline", query={"start": "2026-03-18T10:00:00Z", "days": "3"}
        ),
    )
    assert response["statusCode"] == 200
    assert "\\u" not in response["body"]
    assert "Novruz" in response["body"]


def test_a_missing_field_is_a_problem_naming_it_in_azerbaijani_by_default(
    local_aws: LocalAws,
) -> None:
    response = local_aws.invoke(
        "LoginFunction", rest_event("POST", "/auth/login", body={"username": "x"})
    )
    body = json.loads(response["body"])
    assert response["statusCode"] == 422
    assert response["multiValueHeaders"]["Content-Type"] == ["application/problem+json"]
    assert body["errors"] == [
        {"field": "password", "code": "field.required", "detail": "Bu sahə mütləqdir"}
    ]


def test_english_when_asked(local_aws: LocalAws) -> None:
    response = local_aws.invoke(
        "LoginFunction",
        rest_event(
            "POST",
            "/auth/login",
            body={"username": "x"},
            headers={"Accept-Language": "en-GB,en;q=0.9"},
        ),
    )
    assert json.loads(response["body"])["errors"][0]["detail"] == "This field is required"


def test_a_body_that_is_not_utf8_is_a_problem_about_the_body(local_aws: LocalAws) -> None:
    """G7: bytes API Gateway passes base64-encoded (not UTF-8) are refused, not a crash."""
    event = rest_event("POST", "/auth/login")
    event["body"] = base64.b64encode(b"\xff\x50\x05\x1f").decode("ascii")
    event["isBase64Encoded"] = True
    response = local_aws.invoke("LoginFunction", event)
    assert response["statusCode"] == 422
    assert json.loads(response["body"])["errors"] == [
        {"field": "body", "code": "body.invalid-json", "detail": "Sorğu JSON deyil"}
    ]


def test_a_body_that_is_not_json_names_the_body(local_aws: LocalAws) -> None:
    event = rest_event("POST", "/auth/login")
    event["body"] = "not json"
    response = local_aws.invoke("LoginFunction", event)
    assert response["statusCode"] == 422
    assert [e["field"] for e in json.loads(response["body"])["errors"]] == ["body"]


def test_a_defect_is_a_500_problem_with_the_correlation_id_not_a_bare_502() -> None:
    from egov.platform.http import api, entry

    app = api()

    @app.get("/broken")
    def broken() -> dict[str, str]:
        raise RuntimeError("a bug")

    response = entry(app)(
        rest_event("GET", "/broken", headers={"X-Correlation-Id": "corr-defect"}),
        LambdaContext("broken", 3),
    )
    body = json.loads(response["body"])
    assert response["statusCode"] == 500
    assert (body["status"], body["code"], body["correlationId"]) == (
        500,
        "problem.internal",
        "corr-defect",
    )
    assert "a bug" not in response["body"]
