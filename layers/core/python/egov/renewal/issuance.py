"""Registering an ASAN İmza certificate of ASXM in the certificate registry (R9), with ASXM's
own data of a business or state certificate beside it (`records.certificate_info`)."""

from __future__ import annotations

from typing import Any

from egov.certificates import issuance
from egov.certificates.models import Carrier, Certificate, Contact, Holder, IssueRequest, Use
from egov.platform import audit
from egov.platform.repository import Transaction
from egov.renewal import records


def register(
    *,
    user_id: str,
    fin: str,
    name: str,
    phone: str,
    use: Use,
    public_key: str,
    basis: str,
    actor: audit.Actor,
    info: dict[str, Any] | None = None,
    contact: Contact | None = None,
) -> Certificate:
    """A new certificate on the SIM `phone` for the holder, valid 3 years from now (E12)."""
    cert = issuance.issue(
        IssueRequest(
            center="ASXM",
            holder=Holder(name=name, virtual_fin=fin, user_id=user_id),
            contact=contact or Contact(),
            carrier=Carrier(kind="asan-sim", id=phone),
            use=use,
            public_key=public_key,
            disclosure_consent=False,
            application_id=basis,
        ),
        actor,
    )
    if info:
        tx = Transaction()
        tx.put(records.RENEWAL, records.certificate_info_item(cert.serial, info), new=False)
        tx.commit()
    return cert
