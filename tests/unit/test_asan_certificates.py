"""The signer's certificate of an ASAN İmza answer must chain to ASXM's CA, be valid now and not
be revoked (R1; issue 13 gap). Pure checks over the simulator's certificates, no AWS."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from devstack.simulators import asan_imza
from egov.platform.adapters.asan import (
    AsanImza,
    SignerCertificate,
    certificate_problem,
    trust_anchor,
)
from egov.platform.problems import Unavailable

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SIM = {
    "phoneNumber": "+994552345678",
    "fin": "2HQ4R7T",
    "name": "Əliyeva Günay İlham qızı",
    "generation": 1,
}


def _answer(sim: dict[str, Any], **changes: str) -> SignerCertificate:
    der = asan_imza.certificate(sim, "authentication").public_bytes(Encoding.DER)
    key = asan_imza.public_key_der(sim["phoneNumber"], "authentication", sim["generation"])
    fields = {
        "public_key": base64.b64encode(key).decode(),
        "fin": sim["fin"],
        "name": sim["name"],
        "phone_number": sim["phoneNumber"],
        "key_usage": "authentication",
        "certificate": base64.b64encode(der).decode(),
    }
    return SignerCertificate(**(fields | changes))


ANCHOR = trust_anchor(asan_imza.ca_pem())


def test_r1_a_certificate_of_asxms_ca_for_the_answers_key_and_fin_passes() -> None:
    assert certificate_problem(_answer(SIM), ANCHOR, set(), NOW) is None


def test_r1_a_certificate_signed_by_another_key_does_not_chain() -> None:
    forged = _answer({**SIM, "certificate": "untrusted"})
    assert certificate_problem(forged, ANCHOR, set(), NOW) == "untrusted"


@pytest.mark.parametrize("field", ["fin", "name", "public_key", "certificate"])
def test_r1_the_answers_fields_must_be_the_certificates(field: str) -> None:
    """A genuine certificate of someone else cannot vouch for this answer's FIN or key."""
    other = {**SIM, "phoneNumber": "+994501234567", "fin": "5ZK8M2P", "name": "Məmmədov Elşən"}
    stranger = _answer(other)
    changed = {field: getattr(stranger, field)} if field != "certificate" else {field: "AAAA"}
    assert certificate_problem(_answer(SIM, **changed), ANCHOR, set(), NOW) == "untrusted"


def test_r1_an_expired_certificate_is_refused_and_validity_uses_the_platform_clock() -> None:
    expired = _answer({**SIM, "certificate": "expired"})
    assert certificate_problem(expired, ANCHOR, set(), datetime.now(UTC)) == "expired"
    assert certificate_problem(_answer(SIM), ANCHOR, set(), asan_imza.VALID_TO + timedelta(1)) == (
        "expired"
    )


def test_r1_a_revoked_certificate_is_refused() -> None:
    serial = asan_imza.serial_of(SIM["phoneNumber"], "authentication", 1)
    assert certificate_problem(_answer(SIM), ANCHOR, {serial}, NOW) == "revoked"


class _Client:
    def __init__(self, body: dict[str, Any]) -> None:
        self.body = body

    def get(self, path: str, **_: Any) -> dict[str, Any]:
        assert path == "/crl"
        return self.body


def _crl(sims: list[dict[str, Any]]) -> dict[str, str]:
    der = asan_imza.revocation_list(sims).public_bytes(Encoding.DER)
    return {"crl": base64.b64encode(der).decode()}


def test_r1_the_revocation_list_is_read_only_when_the_anchor_signed_it() -> None:
    revoked_sim = {**SIM, "certificate": "revoked"}
    listed = AsanImza(_Client(_crl([revoked_sim, {**SIM, "phoneNumber": "+994501234567"}])))  # type: ignore[arg-type]
    assert listed.revoked(ANCHOR) == {
        asan_imza.serial_of(SIM["phoneNumber"], usage, 1) for usage in ("authentication", "signing")
    }
    # A list whose signature is not the anchor's is no list: the check cannot be made.
    for body in ({"crl": "not base64!"}, {}, _crl([]) | {"crl": _crl([])["crl"][:-8] + "AAAAAAAA"}):
        with pytest.raises(Unavailable):
            AsanImza(_Client(body)).revoked(ANCHOR)  # type: ignore[arg-type]
