"""ASAN İmza login and signing against the ASAN İmza simulator over real HTTP (R1, R6)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from egov.platform import adapters, mobile_id, secrets
from egov.platform.adapters import asan
from egov.platform.problems import Forbidden, NotFound
from tests.conftest import LocalAws
from tests.helpers import call

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
    status, token = _until_answered(systems, _start(systems, sim)[1]["sessionId"])
    assert status == 200 and token["role"] == "citizen"
