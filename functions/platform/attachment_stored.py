"""AttachmentQueue consumer: S3 reports an uploaded object; check it against its declaration (G5).

Each record is an S3 event notification (or S3's one-off `s3:TestEvent`, which has no records).
Duplicates and repeated uploads settle nothing twice; a failing record alone is retried
(ReportBatchItemFailures).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote_plus

from egov.platform import attachments
from egov.platform.observability import lambda_entry, logger

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse
from aws_lambda_powertools.utilities.data_classes import S3Event
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

processor = BatchProcessor(event_type=EventType.SQS)


def handle(record: SQSRecord) -> None:
    notification = S3Event(json.loads(record.body))
    if "Records" not in notification.raw_event:
        return  # s3:TestEvent, sent when the notification is configured
    for s3_record in notification.records:
        created = s3_record.s3.get_object
        key = unquote_plus(created.key)  # S3 URL-encodes keys in events
        status = attachments.verify_stored(
            attachments.StoredObject(key=key, versionId=created.version_id)
        )
        logger.info("upload checked", extra={"key": key, "status": status})


@lambda_entry
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> PartialItemFailureResponse:
    return process_partial_response(
        event=event, record_handler=handle, processor=processor, context=context
    )
