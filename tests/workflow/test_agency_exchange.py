"""The agency exchange (G3, DESIGN rule 6) driven through a real ASL state machine in moto.

A small workflow asks an agency with `sqs:sendMessage.waitForTaskToken` on the
DecisionRequestQueue (TimeoutSecondsPath, Catch on States.Timeout); the real consumers, webhook
delivery and callback handlers do the rest. The agency is a little HTTP server in the test that
records what it receives and answers with the statuses the test gives it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
import standardwebhooks
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devstack.template import ACCOUNT, REGION
from egov.platform import adapters, audit, auth, secrets, webhooks
from egov.platform.repository import Table
from tests.conftest import LocalAws
from tests.helpers import (
    Agency,
    account,
    call,
    decide,
    scale_clock,
    secret_value,
    serve_agency,
    settle,
    wait_for,
)

MIA = "DIN"  # Daxili İşlər Nazirliyi, the Ministry of Internal Affairs
MFA = "XIN"  # Xarici İşlər Nazirliyi, the Ministry of Foreign Affairs
ROLE = f"arn:aws:iam::{ACCOUNT}:role/egov-local-states"
ANSWER_ROUTE = "/agencies/{agency}/decisions/{decisionId}"


@pytest.fixture
def agency_server() -> Iterator[tuple[Agency, str]]:
    with serve_agency() as served:
        yield served


# ---------------------------------------------------------------- helpers


def register(local_aws: LocalAws, operator: str, agency: str, url: str, scheme: str = "v1a") -> Any:
    status, body, _ = call(
        local_aws,
        "PUT",
        f"/operator/webhooks/endpoints/{agency}",
        token=operator,
        body={"url": url, "scheme": scheme},
    )
    assert status == 200, body
    return body


def ask_one(local_aws: LocalAws) -> str:
    """A workflow asking one agency (`$.agency`), deemed approved when it stays silent."""
    definition = {
        "StartAt": "AskAgency",
        "States": {
            "AskAgency": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": local_aws.template.ref("DecisionRequestQueue"),
                    "MessageBody": {
                        "taskToken.$": "$$.Task.Token",
                        "agency.$": "$.agency",
                        "kind": "security-check",
                        "subject.$": "$.subject",
                        "payload": {"applicant": "Əliyev Şəmsəddin Ağa oğlu"},
                        "deadline.$": "$.deadline",
                        "correlationId.$": "$$.Execution.Name",
                    },
                },
                "TimeoutSecondsPath": "$.waitSeconds",
                "ResultPath": "$.decision",
                "Catch": [
                    {
                        "ErrorEquals": ["States.Timeout"],
                        "ResultPath": "$.timedOut",
                        "Next": "DeemedApproved",
                    }
                ],
                "End": True,
            },
            "DeemedApproved": {
                "Type": "Pass",
                "Result": "deemed-approved",
                "ResultPath": "$.silence",
                "End": True,
            },
        },
    }
    return create_machine(definition)


def ask_two(local_aws: LocalAws) -> str:
    """E6 in small: two agencies in parallel; a refusal withdraws the other's request."""

    def branch(agency: str) -> dict[str, Any]:
        return {
            "StartAt": "Ask",
            "States": {
                "Ask": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                    "Parameters": {
                        "QueueUrl": local_aws.template.ref("DecisionRequestQueue"),
                        "MessageBody": {
                            "taskToken.$": "$$.Task.Token",
                            "agency": agency,
                            "kind": "security-check",
                            "subject.$": "$.subject",
                            "payload": {},
                            "deadline.$": "$.deadline",
                        },
                    },
                    "TimeoutSecondsPath": "$.waitSeconds",
                    "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Silent"}],
                    "Next": "Refused?",
                },
                "Refused?": {
                    "Type": "Choice",
                    "Choices": [
                        {"Variable": "$.outcome", "StringEquals": "reject", "Next": "Refused"}
                    ],
                    "Default": "Agreed",
                },
                "Refused": {"Type": "Fail", "Error": "Refused"},
                "Agreed": {"Type": "Succeed"},
                "Silent": {"Type": "Succeed"},
            },
        }

    definition = {
        "StartAt": "AskAgencies",
        "States": {
            "AskAgencies": {
                "Type": "Parallel",
                "Branches": [branch(MIA), branch(MFA)],
                "ResultPath": "$.opinions",
                "Catch": [
                    {"ErrorEquals": ["Refused"], "ResultPath": "$.refusal", "Next": "Withdraw"}
                ],
                "End": True,
            },
            "Withdraw": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {
                    "QueueUrl": local_aws.template.ref("DecisionWithdrawalQueue"),
                    "MessageBody": {"subject.$": "$.subject", "reason": "another agency refused"},
                },
                "ResultPath": None,
                "Next": "Ended",
            },
            "Ended": {"Type": "Fail", "Error": "ApplicationRefused"},
        },
    }
    return create_machine(definition)


def create_machine(definition: dict[str, Any]) -> str:
    return str(
        boto3.client("stepfunctions").create_state_machine(
            name=f"exchange-{uuid.uuid4().hex[:8]}", definition=json.dumps(definition), roleArn=ROLE
        )["stateMachineArn"]
    )


def start(
    machine: str, agency: str = MIA, *, timeout_seconds: int = 3600, deadline_in: float = 86400
) -> str:
    deadline = datetime.now(UTC) + timedelta(seconds=deadline_in)
    execution_input = {
        "agency": agency,
        "subject": f"APP#{uuid.uuid4().hex[:10]}",
        "deadline": deadline.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "waitSeconds": timeout_seconds,
    }
    return str(
        boto3.client("stepfunctions").start_execution(
            stateMachineArn=machine,
            name=f"run-{uuid.uuid4().hex[:8]}",
            input=json.dumps(execution_input),
        )["executionArn"]
    )


def queued(local_aws: LocalAws, queue: str, count: int = 1) -> bool:
    attributes = boto3.client("sqs").get_queue_attributes(
        QueueUrl=local_aws.template.ref(queue),
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) >= count


def finished(execution: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        described = boto3.client("stepfunctions").describe_execution(executionArn=execution)
        return dict(described) if described["status"] != "RUNNING" else None

    return dict(wait_for(done, what="the execution to finish"))


def request_decision(
    local_aws: LocalAws, agency: Agency, machine: str, **kwargs: Any
) -> tuple[str, str]:
    """Start the workflow, run the queues; the execution and the decision id the agency got."""
    seen = len(agency.bodies("decision.requested"))
    execution = start(machine, **kwargs)
    requested = wait_for(
        lambda: agency.bodies("decision.requested")[seen:],
        what="the decision.requested webhook",
        pump=local_aws.pump,
    )
    return execution, str(requested[-1]["data"]["decisionId"])


def stored_token(decision_id: str) -> str:
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None
    return str(item["taskToken"])


@pytest.fixture
def setup(local_aws: LocalAws, agency_server: tuple[Agency, str]) -> dict[str, Any]:
    agency, url = agency_server
    # Each test provisions fresh secrets and endpoints; a Lambda would be a new cold start.
    secrets.forget()
    adapters.forget()
    operator = account("operator")[1]
    register(local_aws, operator, MIA, f"{url}/mia")
    register(local_aws, operator, MFA, f"{url}/mfa")
    return {
        "agency": agency,
        "url": url,
        "operator": operator,
        "mia": account("agency", MIA)[1],
        "mia_officer": account("officer", MIA)[1],
        "mfa": account("agency", MFA)[1],
        "machine": ask_one(local_aws),
    }


# ---------------------------------------------------------------- answers


def test_g3_approve_reaches_the_workflow_and_the_token_never_leaves(
    local_aws: LocalAws, setup: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """G3: an agency's approval is handed to the waiting workflow in the contract's shape; the
    task token is in no webhook, response, evidence entry or log line."""
    agency: Agency = setup["agency"]
    execution, decision_id = request_decision(local_aws, agency, setup["machine"])

    given = decide(
        local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve", "reason": "Maneə yoxdur"}
    )
    status, body, raw_answer = given.status, given.body, given.text
    assert status == 200, body
    assert body["status"] == "answered"
    result = finished(execution)
    assert result["status"] == "SUCCEEDED"
    decision = json.loads(result["output"])["decision"]
    assert set(decision) == {"decisionId", "agency", "outcome", "reason", "decidedAt", "decidedBy"}
    assert decision["decisionId"] == decision_id
    assert (decision["agency"], decision["outcome"], decision["reason"]) == (
        MIA,
        "approve",
        "Maneə yoxdur",
    )

    token = stored_token(decision_id)
    webhook = agency.received[0]
    assert token not in webhook["body"] and token not in json.dumps(webhook["headers"])
    assert token not in raw_answer
    raw_list = call(
        local_aws,
        "GET",
        f"/agencies/{MIA}/decisions",
        token=setup["mia"],
        query={"status": "answered"},
    ).text
    evidence_answer = call(
        local_aws, "GET", f"/agencies/{MIA}/decisions/{decision_id}/evidence", token=setup["mia"]
    )
    evidence, raw_evidence = evidence_answer.body, evidence_answer.text
    assert token not in raw_list and token not in raw_evidence
    assert token not in capsys.readouterr().out
    # The message log proves both directions: the signed webhook and the agency's answer.
    directions = [(e["direction"], e["channel"], e["responseStatus"]) for e in evidence["items"]]
    assert directions == [("out", "webhook", 200), ("in", "callback", 200)]
    assert evidence["items"][0]["requestHeaders"]["webhook-signature"].startswith("v1a,")
    assert evidence["items"][1]["actorRole"] == "agency"
    assert "authorization" not in evidence["items"][1]["requestHeaders"]


def test_g3_reject_by_an_officer_of_the_agency(local_aws: LocalAws, setup: dict[str, Any]) -> None:
    """G3: one of the agency's officers may answer; a refusal needs and carries its reason."""
    execution, decision_id = request_decision(local_aws, setup["agency"], setup["machine"])

    status, body, _ = decide(
        local_aws, setup["mia_officer"], MIA, decision_id, {"outcome": "reject"}
    )
    assert status == 422 and body["errors"][0]["field"] == "reason"
    status, body, _ = decide(
        local_aws,
        setup["mia_officer"],
        MIA,
        decision_id,
        {"outcome": "reject", "reason": "Sənədlər natamamdır"},
    )
    assert status == 200, body
    decision = json.loads(finished(execution)["output"])["decision"]
    assert decision["outcome"] == "reject" and decision["reason"] == "Sənədlər natamamdır"


def test_g3_second_answer_is_refused_not_applied_twice(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 6: a second answer to the same request is 409 and changes nothing."""
    _, decision_id = request_decision(local_aws, setup["agency"], setup["machine"])
    assert decide(local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve"})[0] == 200
    status, body, _ = decide(
        local_aws,
        setup["mia"],
        MIA,
        decision_id,
        {"outcome": "reject", "reason": "fikrimizi dəyişdik"},
    )
    assert status == 409 and body["code"] == "exchange.already-answered"
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None and item["outcome"] == "approve"


def test_g3_details_at_the_generic_route_are_refused_and_kept_as_evidence(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 6 (issue 15 review item 1): an answer's `details` are taken only where
    the requesting service checks them (`exchange.answer(..., details=check)`); at the generic
    route nothing validates them, so they are a 422 naming `details`, kept as evidence, and the
    decision stays pending for a proper answer."""
    execution, decision_id = request_decision(local_aws, setup["agency"], setup["machine"])
    given = {"outcome": "approve", "details": {"amount": "1000000.00"}}
    status, body, _ = decide(local_aws, setup["mia"], MIA, decision_id, given)
    assert (status, body["errors"][0]["field"]) == (422, "details"), body
    assert body["code"] == "exchange.details-unexpected"
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None and item["status"] == "pending" and "details" not in item
    log = call(
        local_aws, "GET", f"/agencies/{MIA}/decisions/{decision_id}/evidence", token=setup["mia"]
    ).body["items"]
    assert [(e["channel"], e["responseStatus"]) for e in log][-1] == ("callback", 422)
    assert decide(local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve"})[0] == 200
    decision = json.loads(finished(execution)["output"])["decision"]
    assert "details" not in decision


def test_g3_an_agency_sees_and_decides_only_its_own_tasks(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3: another agency's decision is 403 (audited), and never in its pending list."""
    _, decision_id = request_decision(local_aws, setup["agency"], setup["machine"])

    status, body, _ = decide(local_aws, setup["mfa"], MFA, decision_id, {"outcome": "approve"})
    assert status == 403 and body["code"] == "exchange.not-your-decision"
    status, _, _ = decide(local_aws, setup["mfa"], MIA, decision_id, {"outcome": "approve"})
    assert status == 403
    mfa_user = _user_of(setup["mfa"])
    refused = [
        e
        for e in audit.trail(auth.access_subject(mfa_user)).items
        if e["action"] == "access-refused"
    ]
    assert len(refused) == 2

    def pending(token: str, agency: str) -> list[str]:
        status, body, _ = call(
            local_aws,
            "GET",
            f"/agencies/{agency}/decisions",
            token=token,
            query={"status": "pending"},
        )
        assert status == 200, body
        return [d["decisionId"] for d in body["items"]]

    assert pending(setup["mia"], MIA) == [decision_id]
    assert pending(setup["mfa"], MFA) == []
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None and item["status"] == "pending"


def _user_of(token: str) -> str:
    import jwt

    return str(jwt.decode(token, options={"verify_signature": False})["sub"])


def test_g3_duplicate_request_message_makes_one_decision(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 7: SQS may deliver a request twice; the token's hash keeps it one
    decision with one webhook."""
    start(setup["machine"])
    wait_for(lambda: queued(local_aws, "DecisionRequestQueue"), what="the decision request")
    sqs = boto3.client("sqs")
    url = local_aws.template.ref("DecisionRequestQueue")
    message = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"][0]
    sqs.send_message(QueueUrl=url, MessageBody=message["Body"])
    settle(local_aws.pump)

    assert len(setup["agency"].bodies("decision.requested")) == 1
    status, body, _ = call(local_aws, "GET", f"/agencies/{MIA}/decisions", token=setup["mia"])
    assert status == 200 and len(body["items"]) == 1


# ---------------------------------------------------------------- deadlines


def test_g3_g4_silence_until_the_timeout_is_caught_and_a_late_answer_refused(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, G4: the workflow's Catch on States.Timeout applies the rule for silence; an answer
    after the deadline is 410, kept as a late answer, and never reaches the workflow."""
    execution, decision_id = request_decision(
        local_aws, setup["agency"], setup["machine"], timeout_seconds=1, deadline_in=1
    )
    result = finished(execution)
    assert result["status"] == "SUCCEEDED"
    output = json.loads(result["output"])
    assert output["silence"] == "deemed-approved" and "decision" not in output
    wait_for(
        lambda: datetime.now(UTC).isoformat() > _deadline_of(decision_id),
        what="the deadline to pass",
    )

    status, body, _ = decide(local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve"})
    assert status == 410 and body["code"] == "exchange.deadline-passed"
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None and item["status"] == "expired"
    assert item["lateAnswer"]["outcome"] == "approve"
    assert [e["action"] for e in audit.trail(f"DECISION#{decision_id}").items][-1] == "late-answer"


def test_g3_answer_after_step_functions_timed_the_task_out_is_late(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3: even before our deadline, a task Step Functions already closed (TaskTimedOut) turns
    the answer into a recorded late answer, 410, and the decision is expired."""
    execution, decision_id = request_decision(
        local_aws, setup["agency"], setup["machine"], timeout_seconds=1
    )
    assert finished(execution)["status"] == "SUCCEEDED"

    status, body, _ = decide(
        local_aws, setup["mia"], MIA, decision_id, {"outcome": "reject", "reason": "gec"}
    )
    assert status == 410 and body["code"] == "exchange.deadline-passed"
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None and item["status"] == "expired" and "outcome" not in item
    assert item["lateAnswer"]["reason"] == "gec"
    assert decide(local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve"})[0] == 410


def ask_until_answered(local_aws: LocalAws) -> str:
    """P5 in small: silence has no effect; after the deadline the same request stays open."""
    ask = json.loads(
        boto3.client("stepfunctions").describe_state_machine(stateMachineArn=ask_one(local_aws))[
            "definition"
        ]
    )["States"]["AskAgency"]
    ask["Parameters"]["MessageBody"]["reopen"] = True
    ask["Catch"] = [{"ErrorEquals": ["States.Timeout"], "ResultPath": None, "Next": "Later"}]
    later = {
        "Type": "Pass",
        "Parameters": {
            "agency.$": "$.agency",
            "subject.$": "$.subject",
            "deadline.$": "$.later.deadline",
            "waitSeconds.$": "$.later.waitSeconds",
            "later.$": "$.later",
        },
        "Next": "AskAgency",
    }
    return create_machine({"StartAt": "AskAgency", "States": {"AskAgency": ask, "Later": later}})


def test_p5_g3_a_request_asked_again_after_its_deadline_keeps_its_decision_id(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """P5, G3: when the workflow asks again after a missed deadline with `reopen`, the agency's
    decision is reopened, not duplicated: one id, one task in its list, the new deadline, the
    webhook sent again under a new webhook-id, and an answer to that id reaches the workflow."""
    agency: Agency = setup["agency"]
    machine = ask_until_answered(local_aws)
    later = (datetime.now(UTC) + timedelta(days=3)).isoformat(timespec="seconds")
    execution = boto3.client("stepfunctions").start_execution(
        stateMachineArn=machine,
        name=f"run-{uuid.uuid4().hex[:8]}",
        input=json.dumps(
            {
                "agency": MIA,
                "subject": f"PRODUCER#{uuid.uuid4().hex[:10]}",
                "deadline": (datetime.now(UTC) + timedelta(seconds=1)).isoformat(),
                "waitSeconds": 1,
                "later": {"deadline": later, "waitSeconds": 3600},
            }
        ),
    )["executionArn"]

    def sent() -> list[dict[str, Any]]:
        return [r for r in agency.received if '"decision.requested"' in r["body"]]

    first, second = wait_for(
        lambda: len(sent()) >= 2 and sent(), what="the request sent twice", pump=local_aws.pump
    )
    data = [json.loads(r["body"])["data"] for r in (first, second)]
    assert data[0]["decisionId"] == data[1]["decisionId"]
    decision_id = data[0]["decisionId"]
    assert first["headers"]["webhook-id"] != second["headers"]["webhook-id"]
    assert datetime.fromisoformat(data[1]["deadline"]) == datetime.fromisoformat(later)

    status, listed, _ = call(local_aws, "GET", f"/agencies/{MIA}/decisions", token=setup["mia"])
    assert status == 200
    assert [d["decisionId"] for d in listed["items"]] == [decision_id]
    assert "decision-reopened" in [
        e["action"] for e in audit.trail(f"DECISION#{decision_id}").items
    ]

    status, body, _ = decide(local_aws, setup["mia"], MIA, decision_id, {"outcome": "approve"})
    assert status == 200, body
    result = finished(execution)
    assert result["status"] == "SUCCEEDED"
    assert json.loads(result["output"])["decision"]["decisionId"] == decision_id


def _deadline_of(decision_id: str) -> str:
    item = Table("PLATFORM_TABLE").get(f"DECISION#{decision_id}", "DECISION")
    assert item is not None
    return str(item["deadline"]).replace("Z", "+00:00")


# ---------------------------------------------------------------- withdrawal (E6)


def test_e6_g3_a_refusal_withdraws_the_other_agencies_requests(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """E6, G3: once one agency says no, the workflow withdraws the other pending requests; the
    other agency is told by webhook and its answer is refused."""
    agency: Agency = setup["agency"]
    execution = start(ask_two(local_aws))
    requests = wait_for(
        lambda: (
            len(agency.bodies("decision.requested")) == 2
            and {b["data"]["agency"]: b["data"]["decisionId"] for b in agency.bodies()}
        ),
        what="both webhooks",
        pump=local_aws.pump,
    )

    status, _, _ = decide(
        local_aws, setup["mia"], MIA, requests[MIA], {"outcome": "reject", "reason": "Qadağa var"}
    )
    assert status == 200
    assert finished(execution)["status"] == "FAILED"
    wait_for(lambda: queued(local_aws, "DecisionWithdrawalQueue"), what="the withdrawal")
    settle(local_aws.pump)

    withdrawn = agency.bodies("decision.withdrawn")
    assert [(w["data"]["agency"], w["data"]["decisionId"]) for w in withdrawn] == [
        (MFA, requests[MFA])
    ]
    assert withdrawn[0]["data"]["reason"] == "another agency refused"
    assert [r["path"] for r in agency.received][-1] == "/mfa"
    status, body, _ = decide(local_aws, setup["mfa"], MFA, requests[MFA], {"outcome": "approve"})
    assert status == 410 and body["code"] == "exchange.withdrawn"


# ---------------------------------------------------------------- signatures


def test_g3_webhook_signature_verifies_with_the_published_key(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 6: v1a Ed25519 over `{id}.{timestamp}.{body}`, verifiable with the key
    at /.well-known/webhook-keys (no login), whose seed is SHA-256 of WebhookSigningKey."""
    before = int(time.time())
    request_decision(local_aws, setup["agency"], setup["machine"])
    after = int(time.time())
    status, keys, _ = call(local_aws, "GET", "/.well-known/webhook-keys")
    assert status == 200
    published = keys["keys"][0]
    raw = base64.b64decode(published["publicKey"].removeprefix("whpk_"))
    webhook = setup["agency"].received[0]
    headers = {k.lower(): v for k, v in webhook["headers"].items()}
    version, signature = headers["webhook-signature"].split(",", 1)
    assert version == "v1a"
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.{webhook['body']}".encode()
    Ed25519PublicKey.from_public_bytes(raw).verify(base64.b64decode(signature), signed)
    assert before <= int(headers["webhook-timestamp"]) <= after  # the moment it was sent

    secret = secret_value(local_aws, "WebhookSigningKey")
    expected = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(secret.encode()).digest())
    assert expected.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) == raw
    assert base64.urlsafe_b64decode(published["jwk"]["x"] + "==") == raw


def test_g3_agency_registered_with_a_shared_secret_gets_v1_hmac(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 6: an agency that asks for `v1` gets a whsec_ secret once, and webhooks
    the standardwebhooks library verifies with it."""
    registered = register(local_aws, setup["operator"], MIA, f"{setup['url']}/mia", scheme="v1")
    assert registered["secret"].startswith("whsec_")
    request_decision(local_aws, setup["agency"], setup["machine"])
    webhook = setup["agency"].received[0]
    verified = standardwebhooks.Webhook(registered["secret"]).verify(
        webhook["body"], webhook["headers"]
    )
    assert verified["type"] == "decision.requested"
    endpoints = call(local_aws, "GET", "/operator/webhooks/endpoints", token=setup["operator"])
    status, listing, raw = endpoints.status, endpoints.body, endpoints.text
    assert status == 200 and registered["secret"] not in raw
    assert {e["agency"]: e["scheme"] for e in listing["items"]} == {MIA: "v1", MFA: "v1a"}


# ---------------------------------------------------------------- delivery and retries


def _one_webhook(local_aws: LocalAws, agency: str = MIA) -> dict[str, Any]:
    """A decision.requested webhook received from the queue (not yet delivered)."""
    webhook = webhooks.message(
        agency,
        "decision.requested",
        {"decisionId": "dec_test"},
        webhook_id=f"msg_{uuid.uuid4().hex}",
        decision_id="dec_test",
    )
    webhooks.enqueue(webhook)
    received = boto3.client("sqs").receive_message(
        QueueUrl=local_aws.template.ref("WebhookQueue"), AttributeNames=["All"]
    )["Messages"][0]
    return dict(received)


def _deliver_as_attempt(
    local_aws: LocalAws, message: dict[str, Any], attempt: int
) -> dict[str, Any]:
    record = {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": {**message["Attributes"], "ApproximateReceiveCount": str(attempt)},
        "messageAttributes": {},
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": local_aws.template.arn("WebhookQueue"),
        "awsRegion": REGION,
    }
    return local_aws.invoke("DeliverWebhookFunction", {"Records": [record]})


def _fails(local_aws: LocalAws, message: dict[str, Any], attempt: int) -> None:
    """The attempt is not accepted: with the whole (one-record) batch failed, Powertools makes
    it an invocation error, which SQS treats like a reported batch item failure."""
    with pytest.raises(BatchProcessingError):
        _deliver_as_attempt(local_aws, message, attempt)


def _attempts(
    local_aws: LocalAws, operator: str, decision_id: str = "dec_test"
) -> list[dict[str, Any]]:
    status, body, _ = call(
        local_aws, "GET", f"/operator/decisions/{decision_id}/deliveries", token=operator
    )
    assert status == 200, body
    return list(body["items"])


def test_g3_failed_webhooks_follow_the_standard_webhooks_retry_schedule(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """G3, DESIGN rule 6: each failed attempt is a batch item failure and waits the spec's
    delay (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, with up to 10% jitter); the
    ninth failure leaves it to SQS's redrive (maxReceiveCount 9) at once."""
    setup["agency"].always = 500
    message = _one_webhook(local_aws)
    for attempt in range(1, webhooks.MAX_ATTEMPTS + 1):
        _fails(local_aws, message, attempt)
    attempts = _attempts(local_aws, setup["operator"])
    assert [a["attempt"] for a in attempts] == list(range(1, 10))
    assert all(a["responseStatus"] == 500 for a in attempts)
    for entry, delay in zip(attempts, [*webhooks.RETRY_SCHEDULE, 0], strict=True):
        assert delay <= entry["nextAttemptIn"] <= round(delay * 1.1) + 1


def test_g3_retry_after_on_429_is_honoured(local_aws: LocalAws, setup: dict[str, Any]) -> None:
    """DESIGN rule 6: 429 with Retry-After waits at least what the agency asked."""
    setup["agency"].script = [(429, {"Retry-After": "120"}), (503, {"Retry-After": "7"})]
    message = _one_webhook(local_aws)
    _fails(local_aws, message, 1)
    _fails(local_aws, message, 3)
    first, second = _attempts(local_aws, setup["operator"])
    assert first["nextAttemptIn"] == 120  # rather than "immediately"
    assert 300 <= second["nextAttemptIn"] <= 330  # the schedule's 5 minutes beat 7 seconds


def test_g3_exhausted_webhook_is_dead_lettered_and_redelivered_by_the_operator(
    local_aws: LocalAws, setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """G3, DESIGN rule 6: after nine failed attempts SQS moves the webhook to the DLQ; the
    operator sees it and moves it back, and it is delivered."""
    scale_clock(monkeypatch, 86400 / 1_000_000)  # hours of back-off pass in no time
    agency: Agency = setup["agency"]
    agency.always = 500
    webhooks.enqueue(
        webhooks.message(
            MIA, "decision.requested", {"n": 1}, webhook_id="msg_dlq", decision_id="dec_dlq"
        )
    )

    wait_for(
        lambda: queued(local_aws, "WebhookDeadLetterQueue"),
        what="the dead-letter queue",
        pump=local_aws.pump,
    )
    assert len(agency.received) == webhooks.MAX_ATTEMPTS

    status, letters, _ = call(
        local_aws, "GET", "/operator/webhooks/dead-letters", token=setup["operator"]
    )
    assert status == 200
    assert [(d["webhookId"], d["reason"]) for d in letters["items"]] == [
        ("msg_dlq", "retries-exhausted")
    ]
    assert call(local_aws, "GET", "/operator/webhooks/dead-letters", token=setup["mia"])[0] == 403

    agency.always = 200
    status, moved, _ = call(
        local_aws,
        "POST",
        "/operator/webhooks/dead-letters/redeliver",
        token=setup["operator"],
        body={"webhookIds": ["msg_dlq"]},
    )
    assert status == 200 and moved["webhookIds"] == ["msg_dlq"]
    settle(local_aws.pump)
    assert len(agency.received) == webhooks.MAX_ATTEMPTS + 1
    assert not queued(local_aws, "WebhookDeadLetterQueue")
    statuses = [a["responseStatus"] for a in _attempts(local_aws, setup["operator"], "dec_dlq")]
    assert statuses == [500] * webhooks.MAX_ATTEMPTS + [200]


def test_g3_410_disables_the_endpoint_and_alerts_the_operator(
    local_aws: LocalAws, setup: dict[str, Any]
) -> None:
    """DESIGN rule 6: 410 Gone disables the agency's endpoint (audited, visible to the
    operator, e-mailed to the operator's alert address); webhooks wait in the DLQ until a new
    URL is registered and the operator redelivers them."""
    agency: Agency = setup["agency"]
    agency.script = [(410, {})]
    webhooks.enqueue(
        webhooks.message(
            MIA, "decision.requested", {}, webhook_id="msg_gone", decision_id="dec_gone"
        )
    )
    webhooks.enqueue(
        webhooks.message(
            MIA, "decision.requested", {}, webhook_id="msg_after", decision_id="dec_after"
        )
    )
    settle(local_aws.pump)
    assert len(agency.received) == 1  # nothing is posted to a disabled endpoint

    _, listing, _ = call(local_aws, "GET", "/operator/webhooks/endpoints", token=setup["operator"])
    mia = next(e for e in listing["items"] if e["agency"] == MIA)
    assert mia["status"] == "disabled" and "410" in mia["disabledReason"]
    actions = [e["action"] for e in audit.trail(f"AGENCY#{MIA}").items]
    assert actions[-1] == "webhook-endpoint-disabled"
    (alert,) = mia["alertMessages"]
    message = Table("PLATFORM_TABLE").get(f"NOTIFICATION#{alert}", "MESSAGE")
    assert message is not None and message["to"] == "operator@egov.az"
    _, letters, _ = call(
        local_aws, "GET", "/operator/webhooks/dead-letters", token=setup["operator"]
    )
    assert {(d["webhookId"], d["reason"]) for d in letters["items"]} == {
        ("msg_gone", "endpoint-gone"),
        ("msg_after", "endpoint-disabled"),
    }

    register(local_aws, setup["operator"], MIA, f"{setup['url']}/mia-new")
    status, moved, _ = call(
        local_aws,
        "POST",
        "/operator/webhooks/dead-letters/redeliver",
        token=setup["operator"],
        body={},
    )
    assert status == 200 and moved["webhookIds"] == ["msg_after", "msg_gone"]
    settle(local_aws.pump)
    assert sorted(r["path"] for r in agency.received[1:]) == ["/mia-new", "/mia-new"]
