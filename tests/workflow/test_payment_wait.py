"""A workflow waits for a fee in Step Functions (ASL in moto) until ASAN ödəniş confirms it (G6).

The workflow sends `{taskToken, paymentId}` to the PaymentWaitQueue; the consumer keeps the
token with the payment; the provider's confirmation answers the workflow, whichever comes first.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import boto3
import httpx

from devstack.template import ACCOUNT
from egov.platform import auth, payments
from tests.conftest import LocalAws
from tests.functional.platform.test_payments import DECLINED_CARD, PAYING_CARD
from tests.helpers import CEILING, wait_for

ROLE = f"arn:aws:iam::{ACCOUNT}:role/egov-local-states"


def machine(local_aws: LocalAws) -> str:
    definition = {
        "StartAt": "AwaitFee",
        "States": {
            "AwaitFee": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                "Parameters": {
                    "QueueUrl": local_aws.template.ref("PaymentWaitQueue"),
                    "MessageBody": {"taskToken.$": "$$.Task.Token", "paymentId.$": "$.paymentId"},
                },
                "TimeoutSeconds": 3600,
                "ResultPath": "$.fee",
                "Catch": [{"ErrorEquals": ["States.Timeout"], "Next": "Abandoned"}],
                "Next": "Paid?",
            },
            "Paid?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.fee.status", "StringEquals": "paid", "Next": "Go"}],
                "Default": "Unpaid",
            },
            "Go": {"Type": "Succeed"},
            "Unpaid": {"Type": "Fail", "Error": "FeeDeclined"},
            "Abandoned": {"Type": "Fail", "Error": "FeeNotPaid"},
        },
    }
    return str(
        boto3.client("stepfunctions").create_state_machine(
            name=f"fee-{uuid.uuid4().hex[:8]}", definition=json.dumps(definition), roleArn=ROLE
        )["stateMachineArn"]
    )


def start(machine_arn: str, payment_id: str) -> str:
    return str(
        boto3.client("stepfunctions").start_execution(
            stateMachineArn=machine_arn,
            name=f"run-{uuid.uuid4().hex[:8]}",
            input=json.dumps({"paymentId": payment_id}),
        )["executionArn"]
    )


def finished(execution: str) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        described = dict(boto3.client("stepfunctions").describe_execution(executionArn=execution))
        return described if described["status"] != "RUNNING" else None

    return dict(wait_for(done, what="the execution to finish"))


def token_stored(payment_id: str) -> bool:
    return bool((payments.get(payment_id) or {}).get("taskToken"))


def owner() -> str:
    return auth.new_user_id()


def pay(payment: payments.Payment, card: str) -> None:
    answer = httpx.post(f"{payment.payUrl}/confirm", json={"cardNumber": card}, timeout=CEILING)
    assert answer.json()["callbackDelivery"]["status"] == 204


def test_g6_the_confirmation_completes_a_waiting_workflow(platform: LocalAws) -> None:
    payment = payments.request_fee(owner(), "APP#wf-1", "esign-certificate-nonresident")
    execution = start(machine(platform), payment.paymentId)

    wait_for(
        lambda: token_stored(payment.paymentId), what="the workflow's token", pump=platform.pump
    )
    pay(payment, PAYING_CARD)
    described = finished(execution)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"])["fee"]["status"] == "paid"


def test_g6_a_fee_settled_before_the_workflow_asks_answers_at_once(
    platform: LocalAws,
) -> None:
    payment = payments.request_fee(owner(), "APP#wf-2", "esign-certificate-nonresident")
    pay(payment, DECLINED_CARD)
    execution = start(machine(platform), payment.paymentId)

    def answered() -> dict[str, Any] | None:
        described = dict(boto3.client("stepfunctions").describe_execution(executionArn=execution))
        return described if described["status"] != "RUNNING" else None

    described = wait_for(answered, what="the workflow to be answered", pump=platform.pump)
    assert described["status"] == "FAILED"
    assert described["error"] == "FeeDeclined"
