"""DecisionWithdrawalQueue consumer: withdraw a subject's pending agency requests (E6, G3).

A workflow sends `{"subject", "reason"}` with `arn:aws:states:::sqs:sendMessage`, e.g. once one
agency has said no; each agency still asked is told with a `decision.withdrawn` webhook.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from egov.platform import exchange
from egov.platform.queues import consumer


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    exchange.withdraw(exchange.Withdrawal.model_validate(body))


lambda_handler = consumer(handle)
