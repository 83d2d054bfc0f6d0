"""What the holder and the embassies are told of a certificate's changes (E13).

After a suspension, restoration or revocation the holder is notified (cabinet, e-mail, SMS) and
so is every embassy concerned, at once, by a signed webhook of the agency exchange
(`certificate.suspended`, `certificate.restored`, `certificate.revoked`): the embassy the
certificate was issued through, and the one the holder's application or compromise report was
addressed to. The webhook's id is stable for the change (serial, version, embassy), so a repeat
is dropped by the embassy as a duplicate. Each is a part of the change's own transaction.
"""

from __future__ import annotations

from egov.certificates.models import Certificate, Status
from egov.certificates.registry import CERTIFICATES
from egov.platform import clock, notify, webhooks
from egov.platform.contacts import Contacts
from egov.platform.repository import Transaction

# The webhook an embassy gets for each status a change leads to (E13); expiry is no news.
EMBASSY_EVENTS: dict[Status, str] = {
    "suspended": "certificate.suspended",
    "active": "certificate.restored",
    "revoked": "certificate.revoked",
}


def tell_holder(
    tx: Transaction,
    cert: Certificate,
    key: str,
    *,
    contact: Contacts | None = None,
    **params: str,
) -> None:
    """The holder learns of every change in the cabinet and by e-mail/SMS (seed 001 §3.4), as
    part of the change's transaction `tx`; `contact` where it is written by that same change."""
    stored = (
        contact.model_dump(mode="json", by_alias=True)
        if contact
        else CERTIFICATES.get(f"CERT#{cert.serial}", "CONTACT") or {}
    )
    notify.send(
        cert.holder.user_id,
        key,
        {
            "serial": cert.serial,
            "at": clock.iso(cert.last.at),
            "reason": cert.last.reason or "",
            "validTo": clock.iso(cert.valid_to),
            **params,
        },
        email=stored.get("email"),
        sms=stored.get("mobile"),
        subject_ref=f"CERT#{cert.serial}",
        tx=tx,
    )


def tell_embassies(tx: Transaction, cert: Certificate, *addressed: str | None) -> None:
    """E13: the embassies concerned learn of the change at once (module docstring), as part of
    the change's transaction `tx`."""
    change = cert.last
    for embassy in sorted({e for e in (cert.embassy, *addressed) if e}):
        webhooks.enqueue(
            webhooks.message(
                embassy,
                EMBASSY_EVENTS[cert.status],
                {
                    "subject": f"CERT#{cert.serial}",
                    "serial": cert.serial,
                    "center": cert.center,
                    "virtualFin": cert.holder.virtual_fin,
                    "status": cert.status,
                    "reason": change.reason,
                    "at": clock.iso(change.at),
                    "basis": change.basis.model_dump(mode="json", by_alias=True),
                    "issuedThroughThisEmbassy": embassy == cert.embassy,
                },
                webhook_id=f"msg_cert_{cert.serial}_{cert.version}_{embassy}",
            ),
            tx=tx,
        )
