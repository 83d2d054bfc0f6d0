"""Idempotency-Key on create endpoints (DESIGN rule 7), shown on POST /uploads (G5, G7)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from aws_lambda_powertools.event_handler import Response
from pydantic import BaseModel

from devstack.runtime import LambdaContext
from egov.platform import audit, idempotency
from egov.platform.http import api, created
from tests.conftest import LocalAws, rest_event
from tests.helpers import account

PDF = b"%PDF-1.7\n" + b"permit " * 50


class Thing(BaseModel):
    id: str


def post(
    local_aws: LocalAws, token: str, key: str | None, **overrides: Any
) -> tuple[int, dict[str, Any]]:
    body = {
        "purpose": "permit",
        "fileName": "icazə.pdf",
        "contentType": "application/pdf",
        "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(),
        **overrides,
    }
    headers = {"Authorization": f"Bearer {token}"}
    if key is not None:
        headers["Idempotency-Key"] = key
    response = local_aws.invoke(
        "UploadRequestFunction", rest_event("POST", "/uploads", body=body, headers=headers)
    )
    return response["statusCode"], json.loads(response["body"])


def requested(owner: str) -> int:
    return sum(e["action"] == "attachment-requested" for e in audit.trail_of_owner(owner).items)


def test_rule7_a_retry_with_the_same_key_gets_the_same_answer_and_creates_nothing(
    local_aws: LocalAws,
) -> None:
    owner, token = account()
    first = post(local_aws, token, "8e03978e-40d5-43e8-bc93-6894a57f9324")
    again = post(local_aws, token, "8e03978e-40d5-43e8-bc93-6894a57f9324")
    assert first[0] == again[0] == 201
    assert again[1] == first[1]
    assert requested(owner) == 1


def test_rule7_without_a_key_every_request_creates(local_aws: LocalAws) -> None:
    owner, token = account()
    one, two = post(local_aws, token, None), post(local_aws, token, None)
    assert one[1]["attachmentId"] != two[1]["attachmentId"]
    assert requested(owner) == 2


def test_rule7_the_same_key_with_another_body_is_a_422_naming_the_header(
    local_aws: LocalAws,
) -> None:
    owner, token = account()
    post(local_aws, token, "key-1")
    code, problem = post(local_aws, token, "key-1", fileName="başqa.pdf")
    assert code == 422
    assert problem["code"] == "idempotency.key-reused"
    assert problem["errors"][0]["field"] == "Idempotency-Key"
    assert requested(owner) == 1


def test_rule7_keys_are_per_caller(local_aws: LocalAws) -> None:
    first_owner, first = account()
    second_owner, second = account()
    mine = post(local_aws, first, "shared-key")
    theirs = post(local_aws, second, "shared-key")
    assert mine[1]["attachmentId"] != theirs[1]["attachmentId"]
    assert requested(first_owner) == requested(second_owner) == 1


def test_rule7_a_refused_request_leaves_the_key_free(local_aws: LocalAws) -> None:
    owner, token = account()
    code, _ = post(local_aws, token, "key-2", purpose="photo")
    assert code == 422
    code, _ = post(local_aws, token, "key-2", purpose="photo", contentType="image/png")
    assert code == 201
    assert requested(owner) == 1


def test_g7_a_malformed_key_is_refused(local_aws: LocalAws) -> None:
    owner, token = account()
    code, problem = post(local_aws, token, "x" * 256)
    assert code == 422
    assert problem["errors"][0] == {
        "field": "Idempotency-Key",
        "code": "idempotency.key-invalid",
        "detail": problem["errors"][0]["detail"],
    }
    assert requested(owner) == 0


def test_rule7_a_repeat_while_the_first_still_runs_is_a_409(local_aws: LocalAws) -> None:
    app = api()

    @app.post("/things")
    def create() -> Response[Thing]:
        # The work itself repeats the request, as a second click would while the first runs.
        def work() -> Thing:
            return idempotency.once(app, "caller", Thing, lambda: Thing(id="inner"))

        return created(idempotency.once(app, "caller", Thing, work))

    response = app.resolve(
        rest_event("POST", "/things", body={"n": 1}, headers={"Idempotency-Key": "k"}),
        LambdaContext("things", 29),  # type: ignore[arg-type]
    )
    assert response["statusCode"] == 409
    assert json.loads(response["body"])["code"] == "idempotency.in-progress"
    assert response["multiValueHeaders"]["Retry-After"] == ["1"]


def test_rule7_a_key_is_bound_to_the_path_not_the_route_template(local_aws: LocalAws) -> None:
    """Issue 9: the same key on /things/B must not replay what /things/A created."""
    app = api()

    @app.post("/things/<thingId>")
    def create(thingId: str) -> Response[Thing]:
        return created(idempotency.once(app, "caller", Thing, lambda: Thing(id=thingId)))

    def post(thing: str) -> dict[str, Any]:
        event = rest_event(
            "POST",
            f"/things/{thing}",
            resource="/things/{thingId}",
            path_parameters={"thingId": thing},
            headers={"Idempotency-Key": "one-key"},
        )
        response = app.resolve(event, LambdaContext("things", 29))  # type: ignore[arg-type]
        assert response["statusCode"] == 201
        return json.loads(response["body"])

    assert post("A") == {"id": "A"}
    assert post("B") == {"id": "B"}
    assert post("A") == {"id": "A"}
