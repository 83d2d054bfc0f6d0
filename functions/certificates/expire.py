"""CertificateExpiryQueue consumer: the expiry workflow woke for a certificate (E12).

It expires the certificate if its validity has ended, or arms the next leg of the wait;
a revoked certificate, or a duplicate message, changes nothing.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from egov.certificates import expiry
from egov.platform import queues


def handle(body: dict[str, Any], record: SQSRecord) -> None:
    expiry.expire(body["serial"])


lambda_handler = queues.consumer(handle)
