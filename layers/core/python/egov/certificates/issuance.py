"""Registering a certificate a Center issued (E8–E10, E12)."""

from __future__ import annotations

import secrets

from egov.certificates import notices, registry, timers
from egov.certificates.models import Basis, Certificate, Change, IssueRequest, fingerprint
from egov.certificates.registry import CERTIFICATES
from egov.platform import audit, calendar
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction

VALIDITY_YEARS = 3  # E12


def new_serial() -> str:
    return secrets.token_hex(16).upper()  # 128 random bits, as CA/B baseline serials


def issue(request: IssueRequest, actor: audit.Actor) -> Certificate:
    """Register a certificate the Center issued; valid 3 years from now, counted in Baku dates
    (E12, `calendar.add_years`)."""
    start = registry.now()
    basis = Basis(kind="application", id=request.application_id)
    cert = Certificate(
        serial=new_serial(),
        center=request.center,
        holder=request.holder,
        carrier=request.carrier,
        use=request.use,
        key_fingerprint=fingerprint(request.key_der),
        valid_from=start,
        valid_to=calendar.add_years(start, VALIDITY_YEARS),
        status="active",
        disclosure_consent=request.disclosure_consent,
        embassy=request.embassy,
        history=[Change(at=start, status="active", basis=basis, by=actor.role)],
        version=1,
    )
    # The timer first: a record that exists always has its expiry armed.
    timers.arm(cert.serial, cert.valid_to)

    def guard_and_contact(tx: Transaction) -> None:
        tx.guard(
            CERTIFICATES,
            f"ISSUED#{request.application_id}",
            cert.serial,
            Conflict("certificates.already-issued", field="applicationId"),
        )
        tx.put(
            CERTIFICATES,
            {
                "pk": f"CERT#{cert.serial}",
                "sk": "CONTACT",
                **request.contact.model_dump(mode="json", by_alias=True),
            },
        )
        notices.tell_holder(tx, cert, "notice.certificate-issued", contact=request.contact)

    registry.commit(None, cert, "certificate-issued", actor, guard_and_contact)
    return cert
