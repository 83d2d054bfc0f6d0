"""CertificateWorkQueue consumer: revoke a page of a compromised Center's certificates, then
queue the next page (E13). Redelivery is harmless: revoked certificates leave the index."""

from __future__ import annotations

from typing import Any

from egov.certificates import center_compromise
from egov.platform import queues

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    if center_compromise.revoke_for_center(body["center"], body["incidentId"]):
        queues.send(
            "CERTIFICATE_WORK_QUEUE_URL",
            {"center": body["center"], "incidentId": body["incidentId"]},
        )


lambda_handler = queues.consumer(handle)
