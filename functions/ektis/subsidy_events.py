"""EktisSubsidyQueue consumer: the subsidy workflow's steps and EKTİS's timer (complaints, A3-A5;
movements, A7)."""

from __future__ import annotations

from typing import Any

from egov.ektis import complaints
from egov.platform.queues import consumer

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    complaints.handle(body)


lambda_handler = consumer(handle)
