"""A certificate's expiry at the end of its validity (E12).

A Standard workflow per certificate waits (in real time) towards the end of its validity, in
legs of at most `LONGEST_WAIT`, then queues the serial; `expire` expires it or arms the next leg.
"""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta

from egov.certificates import notices, registry
from egov.certificates.models import Basis, Certificate
from egov.certificates.registry import CERTIFICATES, LIVE, cert_key, record_of
from egov.platform import audit, aws, clock

# Standard workflows live at most a year: a longer validity is waited out in legs.
LONGEST_WAIT = timedelta(days=360)


def arm(serial: str, valid_to: datetime) -> None:
    """Start the expiry workflow: it waits (in real time) towards `valid_to`, then queues."""
    wait = min(timedelta(seconds=clock.real_seconds_until(valid_to)), LONGEST_WAIT)
    wake = clock.real_now() + wait
    aws.client("stepfunctions").start_execution(
        stateMachineArn=aws.resource_name("CERTIFICATE_EXPIRY_STATE_MACHINE"),
        name=f"{serial}-{int(time.time() * 1000)}",
        input=json.dumps({"serial": serial, "wakeAt": clock.iso(wake)}),
    )


def expire(serial: str) -> Certificate | None:
    """The expiry workflow woke: expire the certificate if its validity has ended."""
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        return None
    cert = record_of(item)
    if cert.status not in LIVE:
        return None
    if cert.valid_to > clock.now():
        arm(serial, cert.valid_to)
        return None
    basis = Basis(kind="validity-end", id=clock.iso(cert.valid_to))
    after = registry.transition(cert, "expire", basis, "system")
    return registry.commit(
        cert,
        after,
        "certificate-expire",
        audit.Actor.system("expiry"),
        lambda tx: notices.tell_holder(tx, after, "notice.certificate-expired"),
    )
