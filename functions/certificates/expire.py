"""CertificateExpiryQueue consumer: a certificate's timer woke (E12, E13; annex item 5.5).

Each timer goes to the concept whose it is (`egov.certificates.timers`); one whose moment is
still ahead arms its next leg. A revoked certificate, a decided request, or a duplicate
message changes nothing.
"""

from __future__ import annotations

from typing import Any

from egov.certificates import decisions, expiry, holder_requests, timers
from egov.platform import clock, queues

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    timer = body.get("timer", "validity-end")
    if timer == "validity-end":
        expiry.expire(body["serial"])
    elif timers.due(body):
        if timer == "suspension-end":
            decisions.end_suspension(body["serial"], body["ref"])
        else:
            holder_requests.overdue(body["serial"], body["ref"], clock.parse(body["at"]))


lambda_handler = queues.consumer(handle)
