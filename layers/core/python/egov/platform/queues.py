"""The one way to put work on a queue and to consume it (DESIGN rule 7, rule 11).

Producers call `send`/`send_batch`: the body is JSON and carries the current correlation id, so
the consumer's logs, the workflows and webhooks it starts share the id of the request that
caused them. Consumers are built with `consumer(handle)`: Powertools' BatchProcessor reports
partial batch failures (only a failed record is retried, then dead-lettered by the queue's
redrive policy), and each record is handled with its own correlation id. Handlers must tolerate
duplicates (SQS delivers at least once): use conditional writes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from egov.platform import aws
from egov.platform.observability import correlation_id, lambda_entry, logger

Handler = Callable[[dict[str, Any], SQSRecord], None]
LambdaHandler = Callable[[dict[str, Any], LambdaContext], Any]


def _with_correlation(body: Mapping[str, Any]) -> str:
    return json.dumps({"correlationId": correlation_id(), **body}, ensure_ascii=False)


def send(queue_url_env: str, body: Mapping[str, Any], *, delay_seconds: int = 0) -> str:
    response = aws.client("sqs").send_message(
        QueueUrl=aws.resource_name(queue_url_env),
        MessageBody=_with_correlation(body),
        DelaySeconds=delay_seconds,
    )
    return str(response["MessageId"])


def send_batch(queue_url_env: str, bodies: Sequence[Mapping[str, Any]]) -> None:
    """Send up to any number of messages, ten per request; a failed entry raises."""
    send_batch_to(aws.resource_name(queue_url_env), bodies)


def send_batch_to(url: str, bodies: Sequence[Mapping[str, Any]]) -> None:
    """`send_batch` to a queue named by its URL (the outbox stores the URL with the effect)."""
    for start in range(0, len(bodies), 10):
        chunk = bodies[start : start + 10]
        response = aws.client("sqs").send_message_batch(
            QueueUrl=url,
            Entries=[
                {"Id": str(i), "MessageBody": _with_correlation(b)} for i, b in enumerate(chunk)
            ],
        )
        if response.get("Failed"):
            raise RuntimeError(
                f"SQS refused {len(response['Failed'])} message(s): {response['Failed']}"
            )


def receive_count(record: SQSRecord) -> int:
    return int(record.attributes.approximate_receive_count)


def _batch_utility() -> tuple[Any, Any, Any]:
    """Powertools' batch utility without its parser models (issue 18 item 1).

    Only consumers load it; HTTP functions import this module to send. When pydantic is loaded
    (every consumer's domain loads it), `batch.types` imports the parser's models of every event
    source (Kafka, Kinesis, DynamoDB streams, CloudWatch...) to type `model=`, which a consumer
    of plain SQS records never passes; without pydantic it types them by name, Powertools' own
    branch for installs without pydantic. So pydantic is hidden while the utility loads, once
    per process (the local stack loads several consumers in one).
    """
    loaded = "aws_lambda_powertools.utilities.batch" in sys.modules
    hidden = None if loaded else sys.modules.pop("pydantic", None)
    try:
        from aws_lambda_powertools.utilities.batch import (
            BatchProcessor,
            EventType,
            process_partial_response,
        )
    finally:
        if hidden is not None:
            sys.modules["pydantic"] = hidden
    return BatchProcessor, EventType, process_partial_response


def consumer(handle: Handler) -> LambdaHandler:
    """A Lambda handler for an SQS event source with ReportBatchItemFailures."""
    BatchProcessor, EventType, process_partial_response = _batch_utility()
    processor = BatchProcessor(event_type=EventType.SQS)

    def record_handler(record: SQSRecord) -> None:
        body = json.loads(record.body)
        logger.set_correlation_id(body.get("correlationId") or record.message_id)
        handle(body, record)

    def lambda_handler(event: dict[str, Any], context: LambdaContext) -> Any:
        return process_partial_response(
            event=event, record_handler=record_handler, processor=processor, context=context
        )

    return lambda_entry(lambda_handler)
