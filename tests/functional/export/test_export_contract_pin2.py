"""An export contract keeps only a PIN2 signature made under ASXM's chain (X2, R6; issue 13 gap):
the head's signature whose certificate is not ASXM's, or whose signature is forged, is refused
naming the field and the contract is as it was. The failures come from the ASAN İmza simulator."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import LocalAws
from tests.functional.export.test_export_contracts import (
    ELSHAN_SIM,
    GOYGOL,
    TERMS,
    Partner,
    asan_login,
    asan_sign,
)
from tests.helpers import call


@pytest.mark.parametrize(
    ("setting", "code"),
    [
        ({"certificate": "untrusted"}, "mobile-id.certificate-untrusted"),
        ({"signature": "forged"}, "mobile-id.signature-invalid"),
    ],
)
def test_x2_r6_the_heads_signature_not_under_asxms_chain_is_refused(
    local_aws: LocalAws, simulators: str, setting: dict[str, str], code: str
) -> None:
    token, _ = asan_login(local_aws, ELSHAN_SIM)
    body = {"author": "local", "localVoen": GOYGOL, "foreign": Partner().party(), "terms": TERMS}
    status, drawn, _ = call(local_aws, "POST", "/export/contracts", token=token, body=body)
    assert status == 201, drawn
    url = f"{simulators}/asan-imza/sims/{ELSHAN_SIM['phoneNumber']}"
    assert httpx.post(url, json=setting).status_code == 200
    try:
        status, problem = asan_sign(local_aws, token, drawn["id"])
    finally:
        httpx.post(url, json={"certificate": "valid", "signature": "genuine"})
    assert (status, problem["code"], problem["errors"][0]["field"]) == (401, code, "sessionId")
    status, shown, _ = call(local_aws, "GET", f"/export/contracts/{drawn['id']}", token=token)
    assert status == 200 and shown == drawn
    status, signed = asan_sign(local_aws, token, drawn["id"])
    assert status == 200 and signed["status"] != drawn["status"], signed
