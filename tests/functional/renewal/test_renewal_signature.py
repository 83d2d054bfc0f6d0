"""The renewal's "Sign and send" keeps only a PIN2 signature made under ASXM's chain (R6; issue
13 gaps): a forged signature, or one whose certificate is not ASXM's, not valid at the moment of
signing or revoked, is refused naming the field, and the application is exactly as it was; the
CA's revocation list is trusted only until its nextUpdate (the clock driven past it), and with no
fresh list to be had the step fails closed (503), nothing changed, the same signature completing
once the CA publishes again. The failures are produced by the ASAN İmza simulator."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from egov.platform import clock
from egov.platform.audit import AUDIT, chain_key
from egov.renewal.records import RENEWAL, renewing, subject
from tests.conftest import LocalAws
from tests.helpers import call, jump_clock
from tests.workflow.test_renewal import (
    GUNAY,
    apply,
    personal_form,
    polled,
    sign,
    signed_in_holder,
    stored,
)

SIM_URL = "/asan-imza/sims/" + GUNAY["phoneNumber"]


@pytest.fixture
def filed(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch, simulators: str
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Günay logged in (a CRL is held from then on), her application filed and waiting for
    her PIN2: (the token, her certificate's serial, the start answer). Her SIM and ASXM's CRL
    are as they were afterwards."""
    old, token = signed_in_holder(local_aws, monkeypatch, GUNAY)
    status, started = apply(local_aws, token, old.serial, personal_form())
    assert status == 201, started
    try:
        yield token, old.serial, started
    finally:
        httpx.post(simulators + SIM_URL, json={"certificate": "valid", "signature": "genuine"})
        httpx.post(f"{simulators}/asan-imza/crl", json={"state": "fresh"})


def _unchanged(application_id: str, serial: str, before: dict[str, Any]) -> None:
    assert stored(application_id) == before
    assert before["status"] == "signing" and "signature" not in before
    assert RENEWAL.get(renewing(serial), "GUARD") is None
    assert AUDIT.get(*chain_key(subject(application_id))) is None


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ({"signature": "forged"}, "mobile-id.signature-invalid"),
        ({"certificate": "untrusted"}, "mobile-id.certificate-untrusted"),
        ({"certificate": "expired"}, "mobile-id.certificate-expired"),
        ({"certificate": "not-yet-valid"}, "mobile-id.certificate-expired"),
        ({"certificate": "revoked"}, "mobile-id.certificate-revoked"),
    ],
)
def test_r6_a_forged_or_wrongly_chained_signature_is_refused_and_nothing_changes(
    local_aws: LocalAws,
    monkeypatch: pytest.MonkeyPatch,
    simulators: str,
    filed: tuple[str, str, dict[str, Any]],
    setting: dict[str, str],
    code: str,
) -> None:
    """R6: the signature must verify over the documents' hash with the certificate's key, and
    the certificate chain to ASXM's CA, be valid when signed and not be revoked."""
    token, serial, started = filed
    app_id = started["applicationId"]
    before = stored(app_id)
    assert httpx.post(simulators + SIM_URL, json=setting).status_code == 200
    if setting.get("certificate") == "revoked":
        # ASXM's next list is due a day after the one held since the login: from then on the
        # revocation is known.
        jump_clock(monkeypatch, clock.now() + timedelta(days=1, seconds=1))
    path = f"/renewal/applications/{app_id}/signature/{started['sessionId']}"
    status, problem = polled(local_aws, path, token=token)
    assert (status, problem["code"], problem["errors"][0]["field"]) == (401, code, "sessionId")
    _unchanged(app_id, serial, before)
    assert polled(local_aws, path, token=token)[0] == 410, "the refused answer is not reused"


def test_r6_a_crl_past_its_next_update_is_not_trusted_and_none_fresh_is_a_503(
    local_aws: LocalAws,
    monkeypatch: pytest.MonkeyPatch,
    simulators: str,
    filed: tuple[str, str, dict[str, Any]],
) -> None:
    """Issue 13 gap 2: the clock driven past the held CRL's nextUpdate while ASXM serves only
    a stale list, then none: 503 naming the field, nothing changed; ASXM publishing again, the
    same session completes and the application is sent."""
    token, serial, started = filed
    app_id = started["applicationId"]
    before = stored(app_id)
    path = f"/renewal/applications/{app_id}/signature/{started['sessionId']}"
    for state in ("stale", "down"):
        assert httpx.post(f"{simulators}/asan-imza/crl", json={"state": state}).status_code == 200
        jump_clock(monkeypatch, clock.now() + timedelta(days=1, seconds=1))
        status, problem = polled(local_aws, path, token=token)
        assert (status, problem["code"], problem["errors"][0]["field"]) == (
            503,
            "adapter.asan-imza.unavailable",
            "sessionId",
        )
        _unchanged(app_id, serial, before)
    httpx.post(f"{simulators}/asan-imza/crl", json={"state": "fresh"})
    sent = sign(local_aws, token, started)
    assert sent["status"] == "awaiting-activation"
    assert RENEWAL.get(renewing(serial), "GUARD") is not None


def test_r6_the_holders_genuine_signature_is_kept_with_the_application(
    local_aws: LocalAws, filed: tuple[str, str, dict[str, Any]]
) -> None:
    """R6: the same step with a genuine signature under ASXM's chain passes (the control)."""
    token, _, started = filed
    sent = sign(local_aws, token, started)
    assert stored(sent["applicationId"])["signature"]["fin"] == "2HQ4R7T"
    status, shown, _ = call(
        local_aws, "GET", f"/renewal/applications/{sent['applicationId']}", token=token
    )
    assert status == 200 and shown["status"] == "awaiting-activation"
