"""A certificate's expiry at the end of its validity (E12): armed at issuance as the
`validity-end` timer (`timers`); `expire` expires the certificate or arms the next leg."""

from __future__ import annotations

from egov.certificates import notices, registry, timers
from egov.certificates.models import Basis, Certificate
from egov.certificates.registry import CERTIFICATES, LIVE, cert_key, record_of
from egov.platform import audit, clock


def expire(serial: str) -> Certificate | None:
    """The expiry workflow woke: expire the certificate if its validity has ended."""
    item = CERTIFICATES.get(*cert_key(serial))
    if not item:
        return None
    cert = record_of(item)
    if cert.status not in LIVE:
        return None
    if cert.valid_to > clock.now():
        timers.arm(serial, cert.valid_to)
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
