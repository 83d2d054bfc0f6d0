"""PaymentWaitQueue consumer: a workflow waits for a fee payment (G6, DESIGN rule 5).

The workflow's task `arn:aws:states:::sqs:sendMessage.waitForTaskToken` sends
`{"taskToken.$": "$$.Task.Token", "paymentId.$": "$.paymentId"}`; the token is stored with the
payment and answered when the provider confirms it (at once if it already has).
"""

from __future__ import annotations

from typing import Any

from egov.platform import payments, queues

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    payments.await_payment(body["taskToken"], body["paymentId"])


lambda_handler = queues.consumer(handle)
