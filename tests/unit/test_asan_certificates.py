"""The signer's certificate of an ASAN İmza answer must chain to ASXM's CA, be valid at the moment
(of a login, R1, or of a PIN2 signature, R6) and not be revoked on a CRL that is current (issue 13
gaps). Pure checks over the simulator's certificates and lists, no AWS; the clock is a value."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

from devstack.simulators import asan_imza
from egov.platform import adapters, clock
from egov.platform.adapters.asan import (
    AsanImza,
    SignerCertificate,
    certificate_problem,
    trust_anchor,
    verify_signature,
)
from egov.platform.problems import Unavailable
from tests.helpers import jump_clock

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
SIM: dict[str, Any] = {
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
    """The CA's CRL endpoint: each fetch answers what `publish` gives at that moment."""

    def __init__(self, publish: Callable[[], dict[str, Any]]) -> None:
        self.publish = publish
        self.fetched = 0

    def get(self, path: str, **_: Any) -> dict[str, Any]:
        assert path == "/crl"
        self.fetched += 1
        return self.publish()


def _crl(sims: list[dict[str, Any]], stale: bool = False) -> dict[str, str]:
    der = asan_imza.revocation_list(sims, stale=stale).public_bytes(Encoding.DER)
    return {"crl": base64.b64encode(der).decode()}


def _serving(body: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: body


@pytest.fixture(autouse=True)
def _nothing_held() -> Any:
    """Each test starts as a new container: no revocation list held."""
    adapters.forget()
    yield
    adapters.forget()


def test_r1_the_revocation_list_is_read_only_when_the_anchor_signed_it() -> None:
    revoked_sim = {**SIM, "certificate": "revoked"}
    body = _crl([revoked_sim, {**SIM, "phoneNumber": "+994501234567"}])
    listed = AsanImza(_Client(lambda: body))  # type: ignore[arg-type]
    assert listed.revoked(ANCHOR, datetime.now(UTC)) == {
        asan_imza.serial_of(SIM["phoneNumber"], usage, 1) for usage in ("authentication", "signing")
    }
    # A list whose signature is not the anchor's is no list: the check cannot be made.
    for bad in ({"crl": "not base64!"}, {}, {"crl": _crl([])["crl"][:-8] + "AAAAAAAA"}):
        adapters.forget()
        with pytest.raises(Unavailable):
            AsanImza(_Client(_serving(bad))).revoked(ANCHOR, datetime.now(UTC))  # type: ignore[arg-type]


def test_r1_r6_a_crl_is_trusted_until_its_next_update_then_fetched_fresh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 13 gap: the list held is used while current (the CA promised no newer one before
    its nextUpdate); with the clock driven past nextUpdate it is not trusted, and a fresh one,
    with what the CA revoked meanwhile, is fetched."""
    revoked: list[dict[str, Any]] = []
    client = _Client(lambda: _crl(revoked))
    asan = AsanImza(client)  # type: ignore[arg-type]
    start = clock.now()
    assert asan.revoked(ANCHOR, clock.now()) == set()
    revoked.append({**SIM, "certificate": "revoked"})
    jump_clock(monkeypatch, start + timedelta(hours=23))
    assert asan.revoked(ANCHOR, clock.now()) == set()
    assert client.fetched == 1, "a current list is held, not fetched for every check"
    jump_clock(monkeypatch, start + timedelta(days=1, seconds=1))
    assert asan.revoked(ANCHOR, clock.now()) == {
        asan_imza.serial_of(SIM["phoneNumber"], usage, 1) for usage in ("authentication", "signing")
    }
    assert client.fetched == 2


def test_r1_r6_no_fresh_crl_to_be_had_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CA that serves only a list past its nextUpdate: the check cannot be made (503), and
    nothing stale is held, so each check asks the CA again."""
    client = _Client(lambda: _crl([], stale=True))
    asan = AsanImza(client)  # type: ignore[arg-type]
    for _ in range(2):
        with pytest.raises(Unavailable) as caught:
            asan.revoked(ANCHOR, clock.now())
        assert (caught.value.key, caught.value.status) == ("adapter.asan-imza.unavailable", 503)
    assert client.fetched == 2
    # The held list gone stale and the CA with nothing fresh: no fallback to the old one.
    client.publish = lambda: _crl([])
    start = clock.now()
    assert asan.revoked(ANCHOR, clock.now()) == set()
    client.publish = lambda: _crl([], stale=True)
    jump_clock(monkeypatch, start + timedelta(days=1, seconds=1))
    with pytest.raises(Unavailable):
        asan.revoked(ANCHOR, clock.now())


def test_r6_a_certificate_not_yet_valid_at_the_signing_time_is_refused() -> None:
    signing = _answer({**SIM, "certificate": "not-yet-valid"})
    assert certificate_problem(signing, ANCHOR, set(), datetime.now(UTC)) == "expired"
    later = datetime.now(UTC) + timedelta(days=2)
    assert certificate_problem(signing, ANCHOR, set(), later) is None


def test_r6_a_forged_signature_does_not_verify_with_the_certificates_key() -> None:
    """The simulator's `forged` signature is made by another key than the certificate's."""
    digest = bytes(range(32))
    key = asan_imza.public_key_der(SIM["phoneNumber"], "signing")
    genuine = asan_imza.private_key(SIM["phoneNumber"], "signing").sign(digest)
    forged = asan_imza._seeded("asan-imza-sim:forger").sign(digest)
    b64 = base64.b64encode
    assert verify_signature(b64(key).decode(), b64(genuine).decode(), digest)
    assert not verify_signature(b64(key).decode(), b64(forged).decode(), digest)
    assert not verify_signature(b64(key).decode(), b64(genuine).decode(), bytes(32))
