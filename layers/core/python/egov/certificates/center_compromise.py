"""A Center's own signing key compromised (E13, seed 001 §3.6): every certificate it issued is
revoked (cACompromise), in pages from a queue, and a free replacement is owed."""

from __future__ import annotations

import functools

from egov.certificates import notices, registry
from egov.certificates.models import Basis, CenterCompromise, CenterCompromiseAccepted
from egov.certificates.registry import CERTIFICATES, LIVE, load
from egov.platform import audit, clock, outbox
from egov.platform.auth import Principal
from egov.platform.problems import Forbidden
from egov.platform.repository import Transaction

CENTER_PAGE = 25


def center_compromised(body: CenterCompromise, staff: Principal) -> CenterCompromiseAccepted:
    """Seed 001 §3.6: revoke everything the Center issued (in pages, from a queue)."""
    center = staff.agency
    if center not in ("EIMZA", "ASXM"):
        raise Forbidden("certificates.other-center")
    tx = Transaction()
    audit.record(
        tx,
        f"CENTER#{center}",
        "center-key-compromised",
        staff.actor,
        after={"incidentId": body.incident_id},
        basis=f"center-compromise:{body.incident_id}",
    )
    outbox.queue(
        tx, "CERTIFICATE_WORK_QUEUE_URL", [{"center": center, "incidentId": body.incident_id}]
    )
    tx.commit()
    return CenterCompromiseAccepted(
        center=center, incident_id=body.incident_id, accepted_at=registry.now()
    )


def revoke_for_center(center: str, incident_id: str) -> bool:
    """Revoke one page of the Center's live certificates; True if more may remain."""
    page = CERTIFICATES.query(f"CENTER#{center}#LIVE", index="gsi3", limit=CENTER_PAGE)
    for item in page.items:
        cert, _ = load(item["serial"])
        if cert.status not in LIVE:
            continue  # an index entry a moment behind its record
        basis = Basis(kind="center-compromise", id=incident_id)
        after = registry.transition(cert, "revoke", basis, "system", "cACompromise")

        def replacement(tx: Transaction, serial: str = cert.serial) -> None:
            tx.put(
                CERTIFICATES,
                {
                    "pk": f"CERT#{serial}",
                    "sk": f"REPLACEMENT#{incident_id}",
                    "serial": serial,
                    "incidentId": incident_id,
                    "freeOfCharge": True,
                    "status": "open",
                    "createdAt": clock.now_iso(),
                },
            )

        registry.commit(
            cert,
            after,
            "certificate-revoke",
            audit.Actor.system("center-compromise"),
            replacement,
            functools.partial(
                notices.tell_holder, cert=after, key="notice.certificate-replacement"
            ),
            functools.partial(notices.tell_embassies, cert=after),
        )
    return page.cursor is not None
