"""Renewal of a business ASAN İmza certificate with a power of attorney, over HTTP against the
local stack and its demo data (R1–R9; docs/renewal.md walks the same way).

Şəbnəm Bağırova (not the head of "Şəki İpək") logs in with ASAN İmza, sees her certificates,
applies and signs; the head Səbinə Qasımova, found by the VÖEN, logs in and signs the power of
attorney; the operator activates the duplicate SIM (simulator); ASXM's officer (`asxm.center`)
processes the application at the agency exchange; the new certificate is in the registry and
the sealed certificate, contract and notice are in Şəbnəm's incoming documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from tests.e2e.conftest import RunningStack
from tests.e2e.test_esign import task_about, until
from tests.e2e.test_uploads import log_in

SHABNAM = {"phoneNumber": "+994996789012", "userId": "507731"}
SABINA = {"phoneNumber": "+994514567890", "userId": "428615"}


def answered(send: Callable[[], httpx.Response], what: str) -> dict[str, Any]:
    """Poll a round trip with the phone until it is answered (202 while pending)."""
    for _ in range(20):
        response = send()
        if response.status_code != 202:
            assert response.status_code in (200, 201), response.text
            return dict(response.json())
        time.sleep(0.2)
    raise AssertionError(f"the phone never answered: {what}")


def mobile_login(stack: RunningStack, sim: dict[str, str]) -> str:
    with stack.client() as http:
        started = http.post("/auth/mobile-id", json=sim)
        assert started.status_code == 201, started.text
        session = started.json()["sessionId"]
        token = answered(lambda: http.post(f"/auth/mobile-id/{session}"), "login")
    return str(token["accessToken"])


def test_r1_to_r9_business_renewal_with_a_power_of_attorney(stack: RunningStack) -> None:
    employee = stack.client(mobile_login(stack, SHABNAM))
    listed = employee.get("/renewal/certificates").json()["certificates"]
    business = next(c for c in listed if c["type"] == "business")
    assert business["window"]["open"] and business["name"] == '"Şəki İpək" ASC'

    form = {
        "centre": "ASXM-BAKI-1",
        "secretQuestion": "favourite-book",
        "secretAnswer": "Əli və Nino",
        "numberOwner": "corporate",
        "corporateVoen": "1700400081",
        "channel": "sms",
        "contactMobile": "+994996789012",
        "business": {
            "voen": "1700400081",
            "name": '"Şəki İpək" ASC',
            "position": "Layihə meneceri",
            "unit": "PMO",
            "sealText": '"Şəki İpək" ASC',
            "scope": "both",
        },
        "attorney": {
            "name": "Şəbnəm",
            "surname": "Bağırova",
            "patronymic": "Rövşən qızı",
            "fin": "3MB7K4Y",
            "voen": "1700400081",
            "sealText": '"Şəki İpək" ASC',
            "position": "Layihə meneceri",
            "unit": "PMO",
        },
        "confirmed": True,
    }
    started = employee.post(f"/renewal/certificates/{business['serial']}/applications", json=form)
    assert started.status_code == 201, started.text
    app_id, session = started.json()["applicationId"], started.json()["sessionId"]
    sent = answered(
        lambda: employee.post(f"/renewal/applications/{app_id}/signature/{session}"), "PIN2"
    )
    assert sent["status"] == "awaiting-attorney"

    head = stack.client(mobile_login(stack, SABINA))
    poa = until(
        lambda: next(
            (
                p
                for p in head.get("/renewal/attorneys").json()["items"]
                if p["applicationId"] == app_id
            ),
            None,
        ),
        "the power of attorney in the head's cabinet",
    )
    assert poa["status"] == "awaiting-approval"
    challenge = head.post(f"/renewal/attorneys/{app_id}/approval")
    assert challenge.status_code == 201, challenge.text
    head_session = challenge.json()["sessionId"]
    approved = answered(
        lambda: head.post(f"/renewal/attorneys/{app_id}/approval/{head_session}"), "head's PIN2"
    )
    assert approved["status"] == "approved"

    until(
        lambda: (
            employee.get(f"/renewal/applications/{app_id}").json()["status"]
            == "awaiting-activation"
        ),
        "the application sent to ASXM",
    )
    activation = stack.simulator_http.post(
        f"{stack.simulators}/asan-imza/sims/{SHABNAM['phoneNumber']}/activation"
    )
    assert activation.status_code == 200 and activation.json()["delivery"]["status"] == 204

    center = stack.client(log_in(stack, "asxm.center"))
    subject = f"RENEWAL#{app_id}"
    decision = until(lambda: task_about(center, "/agencies/ASXM/decisions", subject), "ASXM's task")
    answer = center.post(
        f"/agencies/ASXM/decisions/{decision['decisionId']}", json={"outcome": "approve"}
    )
    assert answer.status_code == 200, answer.text

    done = until(
        lambda: (
            (mine := employee.get(f"/renewal/applications/{app_id}").json())["status"]
            == "activated"
            and mine
        ),
        "the new certificate",
    )
    assert done["status"] == "activated"
    incoming = employee.get("/renewal/documents").json()["documents"]
    assert sorted(d["name"] for d in incoming) == ["activation-notice", "certificate", "contract"]
    assert all(d["sealHolds"] for d in incoming)
    serial = next(d for d in incoming if d["name"] == "certificate")["sealed"]["document"]["serial"]
    renewed = employee.get("/renewal/certificates").json()["certificates"]
    assert any(c["serial"] == serial and c["status"] == "active" for c in renewed)
    status = employee.get(f"/certificates/{serial}/status")
    assert status.status_code == 200 and status.json()["certStatus"] == "good"
