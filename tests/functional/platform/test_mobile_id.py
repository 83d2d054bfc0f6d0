"""ASAN İmza login and signing against the ASAN İmza simulator over real HTTP (R1, R6)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from egov.platform import adapters, clock, mobile_id, secrets
from egov.platform.adapters import asan
from egov.platform.problems import Forbidden, NotFound, Unauthorized, Unavailable
from tests.conftest import LocalAws
from tests.helpers import call, jump_clock

GUNAY = {"phoneNumber": "+994552345678", "userId": "240117"}  # confirms with her PIN
ULVI = {"phoneNumber": "+994703456789", "userId": "612840"}  # refuses on the phone
AYGUN = {"phoneNumber": "+994508901234", "userId": "736952"}  # never answers
TOFIQ = {"phoneNumber": "+994775678901", "userId": "843067"}  # SIM not active


@pytest.fixture
def systems(local_aws: LocalAws, simulators: str) -> Iterator[LocalAws]:
    adapters.forget()
    secrets.forget()
    yield local_aws
    adapters.forget()
    secrets.forget()


def _start(local_aws: LocalAws, body: dict[str, str]) -> tuple[int, dict[str, Any]]:
    status, answer, _ = call(local_aws, "POST", "/auth/mobile-id", body=body)
    return status, answer


def _complete(local_aws: LocalAws, session_id: str) -> tuple[int, dict[str, Any]]:
    status, answer, _ = call(local_aws, "POST", f"/auth/mobile-id/{session_id}")
    return status, answer


def _until_answered(local_aws: LocalAws, session_id: str) -> tuple[int, dict[str, Any]]:
    for _ in range(10):  # the simulator answers after a set number of polls, not a time
        status, answer = _complete(local_aws, session_id)
        if status != 202:
            return status, answer
    raise AssertionError("the session never left pending")


def test_login_shows_the_phones_code_then_gives_a_session(
    systems: LocalAws, simulators: str
) -> None:
    """R1: number + user ID; the page's code is the phone's; PIN1 confirmed gives a token."""
    status, challenge = _start(systems, GUNAY)
    assert status == 201 and len(challenge["verificationCode"]) == 4
    status, pending = _complete(systems, challenge["sessionId"])
    assert status == 202 and pending == {
        "status": "pending",
        "verificationCode": challenge["verificationCode"],
    }
    status, token = _until_answered(systems, challenge["sessionId"])
    assert status == 200 and token["role"] == "citizen"
    status, me, _ = call(systems, "GET", "/me", token=token["accessToken"])
    assert status == 200 and me["name"] == "Əliyeva Günay İlham qızı"
    assert mobile_id.fin_of(token["userId"]) == "2HQ4R7T"
    # The same confirmation gives one session, and a second login finds the same account.
    assert _complete(systems, challenge["sessionId"])[0] == 410
    again = _until_answered(systems, _start(systems, GUNAY)[1]["sessionId"])[1]
    assert again["userId"] == token["userId"]


def test_the_phone_displays_the_code_the_page_shows(systems: LocalAws, simulators: str) -> None:
    """R1: the person confirms only the request they started."""
    digest = hashlib.sha256(b"x").digest()
    provider_session = adapters.asan_imza().authenticate(
        GUNAY["phoneNumber"], GUNAY["userId"], digest, "test"
    )
    shown = httpx.get(f"{simulators}/asan-imza/session/{provider_session}/display").json()
    assert shown["verificationCode"] == asan.verification_code(digest)


@pytest.mark.parametrize(
    ("who", "status", "key", "field"),
    [
        (ULVI, 401, "mobile-id.refused", "sessionId"),
        (AYGUN, 401, "mobile-id.timeout", "sessionId"),
        (TOFIQ, 403, "mobile-id.sim-not-active", "phoneNumber"),
        ({**GUNAY, "userId": "999999"}, 401, "mobile-id.not-client", "userId"),
        (
            {"phoneNumber": "+994509999999", "userId": "123456"},
            401,
            "mobile-id.not-client",
            "userId",
        ),
    ],
)
def test_refusals_are_problems_and_give_no_session(
    systems: LocalAws, who: dict[str, str], status: int, key: str, field: str
) -> None:
    """R1: refused by the user, no answer, SIM not active, wrong user ID or unknown number."""
    started, challenge = _start(systems, who)
    assert started == 201
    answered, problem = _until_answered(systems, challenge["sessionId"])
    assert (answered, problem["code"], problem["errors"][0]["field"]) == (status, key, field)
    assert _complete(systems, challenge["sessionId"])[0] == 410


def test_bad_input_names_the_field(systems: LocalAws) -> None:
    """G7: a user ID of 5 digits is refused before the service is asked."""
    status, problem = _start(systems, {**GUNAY, "userId": "12345"})
    assert status == 422 and problem["errors"][0]["field"] == "userId"


def test_signing_gives_a_signature_that_verifies(systems: LocalAws, simulators: str) -> None:
    """R6: PIN2 signs the document's hash with a real Ed25519 key; the signature verifies and
    another document does not."""
    user_id = mobile_id.account_of("2HQ4R7T", "Əliyeva Günay İlham qızı")
    document = "Ərizə: sertifikatın yenilənməsi".encode()
    body = mobile_id.Start.model_validate(GUNAY)
    challenge = mobile_id.start_signing(body, mobile_id.digest_of(document), user_id, "Ərizə")
    signed: Any = mobile_id.Pending(verification_code="0000")
    for _ in range(10):
        signed = mobile_id.signature(challenge.session_id, user_id)
        if isinstance(signed, mobile_id.Signature):
            break
    assert isinstance(signed, mobile_id.Signature)
    assert signed.fin == "2HQ4R7T"
    assert mobile_id.check(signed, document)
    assert not mobile_id.check(signed, document + b".")
    forged = signed.model_copy(update={"signature": base64.b64encode(bytes(64)).decode()})
    assert not mobile_id.check(forged, document)


def test_only_the_signed_in_person_signs_for_themselves(systems: LocalAws) -> None:
    """R6: Günay's session cannot be answered by another account, nor her phone sign for one."""
    gunay = mobile_id.account_of("2HQ4R7T", "Əliyeva Günay İlham qızı")
    other = mobile_id.account_of("5ZK8M2P", "Məmmədov Elşən Rəşid oğlu")
    body = mobile_id.Start.model_validate(GUNAY)
    challenge = mobile_id.start_signing(body, bytes(32), other, "Ərizə")
    with pytest.raises(Forbidden) as caught:
        for _ in range(10):
            mobile_id.signature(challenge.session_id, other)
    assert caught.value.key == "mobile-id.other-signer"
    mine = mobile_id.start_signing(body, bytes(32), gunay, "Ərizə")
    with pytest.raises(NotFound):
        mobile_id.signature(mine.session_id, other)


def test_a_number_gets_a_limited_number_of_requests(systems: LocalAws) -> None:
    """R1, G8: each request rings the phone; a stranger cannot flood someone's number."""
    for _ in range(mobile_id.REQUESTS_PER_NUMBER):
        assert _start(systems, AYGUN)[0] == 201
    status, problem = _start(systems, AYGUN)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (
        429,
        "mobile-id.too-many-requests",
        "phoneNumber",
    )
    assert _start(systems, GUNAY)[0] == 201  # another number is not concerned


@pytest.mark.parametrize(
    ("sim", "certificate"),
    [
        ({"phoneNumber": "+994501234567", "userId": "315402"}, "untrusted"),
        ({"phoneNumber": "+994514567890", "userId": "428615"}, "expired"),
        ({"phoneNumber": "+994996789012", "userId": "507731"}, "revoked"),
    ],
)
def test_r1_a_login_whose_certificate_does_not_chain_to_asxm_or_is_expired_or_revoked_fails(
    systems: LocalAws, simulators: str, sim: dict[str, str], certificate: str
) -> None:
    """R1 (issue 13 gap): the signature verifies with the answer's key, but the certificate of
    that key is not ASXM's, no longer valid, or on ASXM's revocation list: no session."""
    url = f"{simulators}/asan-imza/sims/{sim['phoneNumber']}"
    assert httpx.post(url, json={"certificate": certificate}).status_code == 200
    try:
        status, problem = _until_answered(systems, _start(systems, sim)[1]["sessionId"])
        assert status == 401 and problem["code"] == f"mobile-id.certificate-{certificate}"
        assert problem["errors"][0]["field"] == "sessionId"
    finally:
        httpx.post(url, json={"certificate": "valid"})
    # A revocation is not undone: the CRL held until its nextUpdate keeps it; a new container
    # (as a new test world) fetches the simulator's list again.
    adapters.forget()
    status, token = _until_answered(systems, _start(systems, sim)[1]["sessionId"])
    assert status == 200 and token["role"] == "citizen"


def _sign(user_id: str, sim: dict[str, str], document: bytes) -> mobile_id.Signature:
    challenge = mobile_id.start_signing(
        mobile_id.Start.model_validate(sim), mobile_id.digest_of(document), user_id, "Ərizə"
    )
    for _ in range(10):
        signed = mobile_id.signature(challenge.session_id, user_id)
        if isinstance(signed, mobile_id.Signature):
            return signed
    raise AssertionError("the phone never answered")


@pytest.mark.parametrize(
    ("setting", "key"),
    [
        ({"signature": "forged"}, "mobile-id.signature-invalid"),
        ({"certificate": "untrusted"}, "mobile-id.certificate-untrusted"),
        ({"certificate": "expired"}, "mobile-id.certificate-expired"),
        ({"certificate": "not-yet-valid"}, "mobile-id.certificate-expired"),
        ({"certificate": "revoked"}, "mobile-id.certificate-revoked"),
    ],
)
def test_r6_a_pin2_signature_not_made_under_asxms_chain_is_refused(
    systems: LocalAws, simulators: str, setting: dict[str, str], key: str
) -> None:
    """R6 (issue 13 gap): each failure the simulator can produce — a signature that does not
    verify over the document's hash with the certificate's key, a certificate not ASXM's, not
    valid at the moment of signing, or on ASXM's current revocation list — is refused naming
    the field; the person's own genuine signature then passes."""
    user_id = mobile_id.account_of("2HQ4R7T", "Əliyeva Günay İlham qızı")
    url = f"{simulators}/asan-imza/sims/{GUNAY['phoneNumber']}"
    assert httpx.post(url, json=setting).status_code == 200
    try:
        with pytest.raises(Unauthorized) as caught:
            _sign(user_id, GUNAY, b"Ariza")
        assert (caught.value.key, caught.value.field) == (key, "sessionId")
    finally:
        httpx.post(url, json={"certificate": "valid", "signature": "genuine"})
    adapters.forget()  # a revocation stays on the held list: a new container, as a new world
    assert mobile_id.check(_sign(user_id, GUNAY, b"Ariza"), b"Ariza")


def test_r1_r6_a_stale_crl_is_refetched_and_none_fresh_fails_closed(
    systems: LocalAws, simulators: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13 gap: with the clock driven past the held CRL's nextUpdate, a fresh one is
    fetched; when the CA serves only a stale one (or is down), the answer is a 503 and the
    session stays unanswered, so the same signature completes once the CA publishes again."""
    user_id = mobile_id.account_of("2HQ4R7T", "Əliyeva Günay İlham qızı")
    assert mobile_id.check(_sign(user_id, GUNAY, b"Ariza"), b"Ariza")  # a CRL is held now
    crl = f"{simulators}/asan-imza/crl"
    challenge = mobile_id.start_signing(
        mobile_id.Start.model_validate(GUNAY), mobile_id.digest_of(b"Ariza"), user_id, "Ərizə"
    )
    try:
        for state in ("stale", "down"):
            assert httpx.post(crl, json={"state": state}).status_code == 200
            jump_clock(monkeypatch, clock.now() + timedelta(days=1, seconds=1))
            with pytest.raises(Unavailable) as caught:
                for _ in range(10):
                    mobile_id.signature(challenge.session_id, user_id)
            assert (caught.value.status, caught.value.field) == (503, "sessionId")
    finally:
        httpx.post(crl, json={"state": "fresh"})
    signed = mobile_id.signature(challenge.session_id, user_id)
    assert isinstance(signed, mobile_id.Signature) and mobile_id.check(signed, b"Ariza")
