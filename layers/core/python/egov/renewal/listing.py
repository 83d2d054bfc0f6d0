"""R2: the holder's ASAN İmza certificates, from the certificate registry, with the renewal
window of each (R3) and, when it is closed, why."""

from __future__ import annotations

from datetime import date

from egov.certificates import holder_requests
from egov.certificates.models import Certificate, Status, Use
from egov.platform import calendar, clock, i18n
from egov.platform.models import View
from egov.renewal import records, texts
from egov.renewal.window import Window, window


class CertificateRow(View):
    serial: str
    name: str
    type: Use
    asan_number: str
    issued_on: date
    expires_on: date
    status: Status
    window: Window
    closed_reason: str | None = None


class Certificates(View):
    certificates: list[CertificateRow]


def is_asan(cert: Certificate) -> bool:
    return cert.center == "ASXM" and cert.carrier.kind == "asan-sim"


def row(cert: Certificate, lang: i18n.Lang) -> CertificateRow:
    info = records.certificate_info(cert.serial) or {}
    opens = window(cert.status, cert.valid_to, clock.now())
    return CertificateRow(
        serial=cert.serial,
        name=info.get("organisation") or i18n.text("renewal.type.personal", lang),
        type=cert.use,
        asan_number=cert.carrier.id,
        issued_on=calendar.baku_day(cert.valid_from),
        expires_on=opens.expires_on,
        status=cert.status,
        window=opens,
        closed_reason=texts.window_reason(
            opens.closed_because, lang, opensOn=opens.opens_on.isoformat()
        ),
    )


def mine(user_id: str, lang: i18n.Lang) -> Certificates:
    return Certificates(
        certificates=[row(c, lang) for c in holder_requests.of_holder(user_id) if is_asan(c)]
    )
