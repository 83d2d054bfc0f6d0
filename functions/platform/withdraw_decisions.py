"""DecisionWithdrawalQueue consumer: close a subject's pending agency requests (E6, G3).

A workflow sends with `arn:aws:states:::sqs:sendMessage` either `{"subject", "reason"}`, e.g. once
one agency has said no (each agency still asked is told with a `decision.withdrawn` webhook), or
`{"outcome": "deemed-consent", "subject", "agency", "kind"}` when that agency's wait ended in
silent consent (its decision becomes `deemed-consent`, the agency told with a
`decision.deemed-consent` webhook).
"""

from __future__ import annotations

from typing import Any

from egov.platform import exchange
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    exchange.close(body)


lambda_handler = consumer(handle)
