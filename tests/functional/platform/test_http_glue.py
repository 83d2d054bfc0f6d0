"""The HTTP glue: problems name the field (G7) and names keep their letters (DESIGN rule 12)."""

import base64
import json
from typing import Any

import pytest

from devstack.events import rest_event
from devstack.runtime import LambdaContext
from egov.platform import notify
from tests.conftest import LocalAws
from tests.helpers import account, call


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


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/octet-stream"]
)
def test_g7_a_body_that_is_not_json_is_a_415_naming_the_content_type(
    local_aws: LocalAws, content_type: str
) -> None:
    """Issue 10 item 9: not a 500."""
    event = rest_event("POST", "/auth/login", headers={"content-type": content_type})
    event["body"] = "username=x&password=y"
    response = local_aws.invoke("LoginFunction", event)
    assert response["statusCode"] == 415
    assert json.loads(response["body"])["errors"][0]["field"] == "Content-Type"


def test_g7_json_nested_thousands_deep_is_a_400_about_the_body(local_aws: LocalAws) -> None:
    """Issue 10 item 9: the parser's recursion limit is the caller's problem, not a 500."""
    event = rest_event("POST", "/auth/login")
    event["body"] = '{"username": ' + "[" * 50_000 + "]" * 50_000 + ', "password": "x"}'
    response = local_aws.invoke("LoginFunction", event)
    assert response["statusCode"] == 400
    problem = json.loads(response["body"])
    assert (problem["code"], problem["errors"][0]["field"]) == ("body.too-deep", "body")


def _inbox(local_aws: LocalAws, token: str, cursor: str | None) -> tuple[int, dict[str, Any]]:
    query = {"cursor": cursor, "limit": "1"} if cursor else {"limit": "1"}
    status, body, _ = call(local_aws, "GET", "/me/inbox", token=token, query=query)
    return status, body


def test_g7_a_crafted_or_borrowed_cursor_is_a_400_naming_it(local_aws: LocalAws) -> None:
    """Issue 10 item 9: cursors are signed for the listing they continue; a crafted one in the cursor's form (here a
    well-formed key of the wrong type, which DynamoDB refused with a 500), a tampered one or
    another person's is a 400 naming it, before any query. Garbage outside the form the route
    declares (issue 10 item 15, commit 220b135) is refused by that declaration, a 422 naming
    it like every declared rule: never a 500 either way."""
    owner, token = account()
    other, other_token = account()
    for user in (owner, other):
        for n in range(2):
            notify.send(user, "notice.document-placed", {"agency": "DIN", "document": str(n)})
    status, first = _inbox(local_aws, token, None)
    assert status == 200 and first["cursor"]
    assert _inbox(local_aws, token, first["cursor"])[0] == 200
    key = base64.urlsafe_b64encode(json.dumps({"pk": {"S": 1}, "sk": 2}).encode()).decode()
    # Not of a cursor's form: refused by the declared pattern (422), as on every paged route.
    for cursor in (key, "not-a-cursor!"):
        status, problem = _inbox(local_aws, token, cursor)
        assert status == 422, problem
        assert problem["errors"][0]["field"] == "cursor"
    # Of the form but not signed by us for this listing: refused by the signature check (400).
    crafted = key.rstrip("=") + "." + first["cursor"].rsplit(".", 1)[1]
    for cursor in (crafted, first["cursor"][:-2] + "AA"):
        status, problem = _inbox(local_aws, token, cursor)
        assert status == 400, problem
        assert problem["errors"][0]["field"] == "cursor"
    assert _inbox(local_aws, other_token, first["cursor"])[0] == 400
