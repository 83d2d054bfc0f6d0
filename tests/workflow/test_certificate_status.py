"""Certificate status and consent (issue 12 item 9; E14).

Seed 001 §4.2: "İmza sahibinin razılığının olmadığı hallar istisna edilməklə, sertifikatlar
barədə sorğulara əsasən, Mərkəz verdiyi sertifikatın məxsus olduğu şəxs, sertifikatın statusu və
sertifikat barədə digər məlumatları verə bilər." §4.4: "Mərkəz sertifikatların vəziyyətinin real
vaxt rejimində də yoxlanılmasını həyata keçirə bilər." Annex, declaration 6.3: "Fərdi
məlumatlarımın sertifikata daxil edilməsinə və onların sertifikatın istifadəsi ilə əlaqədar
yayımlanmasına icazə verirəm."
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from egov.certificates import expiry
from egov.platform import clock
from tests.conftest import LocalAws
from tests.helpers import call, jump_clock
from tests.workflow.test_certificates import Person, get, issue, lookup, people

__all__ = ["people"]  # the fixture, used by name


def ocsp(aws: LocalAws, serial: str) -> Any:
    return get(aws, f"/certificates/{serial}/status")


def withdraw(aws: LocalAws, who: Person, serial: str) -> tuple[int, Any]:
    status, body, _ = call(
        aws, "POST", f"/certificates/{serial}/consent-withdrawal", token=who.token
    )
    return status, body


def test_e14_an_expired_certificate_is_answered_expired_never_good(
    local_aws: LocalAws, people: dict[str, Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E14, E12 (§2.19 "3 (üç) ildir"): once `validTo` has passed the status check answers
    `expired` with the validity end, before the expiry timer has run and after it; it is not
    on the revocation list (nothing was revoked)."""
    cert = issue(local_aws, people["ASXM"], people["holder"])
    serial = cert["serial"]
    assert ocsp(local_aws, serial)["certStatus"] == "good"

    jump_clock(monkeypatch, clock.parse(cert["validTo"]) + timedelta(seconds=1))
    answer = ocsp(local_aws, serial)
    assert (answer["certStatus"], answer["registryStatus"]) == ("expired", "active")
    assert answer["validTo"] == cert["validTo"] and answer["revocationTime"] is None

    expiry.expire(serial)  # the timer's work, driven here
    answer = ocsp(local_aws, serial)
    assert (answer["certStatus"], answer["registryStatus"]) == ("expired", "expired")
    crl = get(local_aws, "/certificates/revocations")
    assert serial not in {e["serial"] for e in crl["entries"]}


def test_e14_who_sees_the_status_without_consent(
    local_aws: LocalAws, people: dict[str, Person]
) -> None:
    """E14 (§4.2 gates "sertifikatın statusu" on consent; §4.4 real-time checks): without the
    holder's consent a lookup by serial or key says only that the serial exists, no status; the
    OCSP-style check and the revocation list, which a relying party holding the certificate
    uses and which name nobody, still answer."""
    private = issue(local_aws, people["ASXM"], people["other"], consent=False)
    status, body, _ = lookup(local_aws, private["serial"])
    assert status == 200 and body["status"] is None and body["disclosed"] is False
    status, found, _ = call(local_aws, "GET", f"/certificates/keys/{private['keyFingerprint']}")
    assert status == 200
    assert found["certificates"][0]["status"] is None
    assert found["certificates"][0]["holder"] is None
    assert ocsp(local_aws, private["serial"])["certStatus"] == "good"


def test_e14_the_holder_withdraws_consent(local_aws: LocalAws, people: dict[str, Person]) -> None:
    """E14, declaration 6.3: the holder may withdraw the consent given on the form; from then
    on the lookup discloses nothing; only the holder may; a repeat changes nothing."""
    serial = issue(local_aws, people["ASXM"], people["holder"])["serial"]
    assert lookup(local_aws, serial)[1]["holder"] == "Jean Dupont"

    assert withdraw(local_aws, people["other"], serial)[0] == 403
    assert withdraw(local_aws, people["ASXM"], serial)[0] == 403
    status, cert = withdraw(local_aws, people["holder"], serial)
    assert status == 200 and cert["disclosureConsent"] is False and cert["version"] == 2
    _, body, _ = lookup(local_aws, serial)
    assert body == {**{k: None for k in body}, "serial": serial, "disclosed": False}
    # The change is logged like any other: the record still proves against the signed log.
    assert get(local_aws, f"/certificates/{serial}/verify")["verified"]
    status, again = withdraw(local_aws, people["holder"], serial)
    assert status == 200 and again["version"] == 2
