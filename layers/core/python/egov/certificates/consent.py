"""The holder's consent to disclosure (E14; seed 001 annex, declaration 6.3: "Fərdi
məlumatlarımın sertifikata daxil edilməsinə və onların sertifikatın istifadəsi ilə əlaqədar
yayımlanmasına icazə verirəm").

Consent is the holder's to give and so to withdraw: withdrawing it is the holder's own
permission changing (§5.5.2 "məlumatlarda imza sahibinin icazəsi olmadan dəyişiklik
edilməməlidir"), not registry data the Center enters (§5.5.1), so the holder does it directly.
It is a change of the record like any other: versioned, audited and logged, and from then on a
public lookup says only that the serial exists (`queries.public`).
"""

from __future__ import annotations

from egov.certificates import registry
from egov.certificates.models import Certificate
from egov.platform.auth import Principal
from egov.platform.problems import Forbidden

WITHDRAWN_BASIS = "declaration-6.3:withdrawn"


def withdraw(serial: str, person: Principal) -> Certificate:
    """The holder withdraws consent to disclosure; withdrawing it again changes nothing."""
    cert, _ = registry.load(serial)
    if cert.holder.user_id != person.user_id:
        raise Forbidden("certificates.not-holder")
    if not cert.disclosure_consent:
        return cert
    after = cert.model_copy(update={"disclosure_consent": False, "version": cert.version + 1})
    return registry.commit(
        cert, after, "certificate-consent-withdrawn", person.actor, basis=WITHDRAWN_BASIS
    )
