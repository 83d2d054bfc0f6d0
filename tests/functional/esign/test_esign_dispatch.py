"""Dispatch batches of signed contract copies to the MFA, with the 1 + 3 business-day legs (E11).

Signed contracts are put in place with `egov.esign.contracts` (what the embassy's check does,
E10); the embassy, the MFA (`XIN`) and the Centers act through the real handlers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from egov.esign import contracts
from egov.esign.records import ESIGN, ApplicationRecord
from egov.platform import audit, calendar, clock
from egov.platform.repository import Transaction
from tests.conftest import LocalAws
from tests.helpers import call, jump_clock
from tests.workflow.test_esign_review import account, sample_form


def signed_contract(carrier: str, embassy: str = "EMB-DE") -> str:
    """A contract the embassy has had signed at the check (E10); its number."""
    form = sample_form()
    if carrier == "asan-sim":
        form["carrier"] = {"kind": "asan-sim", "operator": "Azercell", "mobile": "+994501234567"}
    now = clock.now_iso()
    application = ApplicationRecord.model_validate(
        {
            "applicationId": uuid.uuid4().hex,
            "owner": "applicant",
            "status": "virtual-fin-issued",
            "registrationNumber": f"EIMZA-2026-{uuid.uuid4().int % 10**6:06d}",
            "virtualFin": "VAB3CD45",
            "form": form,
            "createdAt": now,
            "updatedAt": now,
            "version": 3,
        }
    )
    center = "EIMZA" if carrier == "token" else "ASXM"
    tx = Transaction()
    contract = contracts.prepare(tx, application, center, embassy, clock.now_iso())
    tx.commit()
    tx = Transaction()
    contracts.sign(tx, contract.contract_number, embassy, "AB" * 8, clock.now_iso())
    tx.commit()
    return contract.contract_number


def send(local_aws: LocalAws, embassy: str, token: str) -> tuple[int, Any]:
    return call(local_aws, "POST", f"/esign/embassies/{embassy}/dispatches", token=token)[:2]


def listed(local_aws: LocalAws, embassy: str, token: str) -> tuple[int, Any]:
    return call(local_aws, "GET", f"/esign/embassies/{embassy}/dispatches", token=token)[:2]


def step(local_aws: LocalAws, action: str, batch_id: str, token: str) -> tuple[int, Any]:
    return call(local_aws, "POST", f"/esign/dispatches/{batch_id}/{action}", token=token)[:2]


@pytest.fixture
def people() -> dict[str, str]:
    return {
        "EMB-DE": account("officer", "EMB-DE")[1],
        "EMB-FR": account("officer", "EMB-FR")[1],
        "XIN": account("officer", "XIN")[1],
        "EIMZA": account("center", "EIMZA")[1],
        "ASXM": account("center", "ASXM")[1],
        "Azercell": account("agency", "Azercell")[1],  # the mobile operator's system
        "Bakcell": account("agency", "Bakcell")[1],
    }


def test_e11_a_batch_goes_to_the_mfa_forwarded_in_1_and_received_in_3_business_days(
    local_aws: LocalAws, people: dict[str, str]
) -> None:
    """E11, §2.16–2.18: the embassy's signed contracts in one batch, split per Center, the ASAN
    İmza part also for its mobile operator (§2.16 "müvafiq Mərkəzə və mobil operatora"); the
    MFA's 1 business day runs from its receipt of the batch (§2.17 "təhvil alınmış müqavilələri
    1 (bir) iş günü müddətində"), not from the sending; each Center's part arrives within 3,
    and the operator records its own receipt of the ASAN İmza part (issue 12 item 6);
    nothing sent twice (issue 12 item 6)."""
    token_contract, asan_contract = signed_contract("token"), signed_contract("asan-sim")
    other_embassy = signed_contract("token", "EMB-FR")

    status, batch = send(local_aws, "EMB-DE", people["EMB-DE"])
    assert status == 201, batch
    sent_at = clock.parse(batch["sentAt"])
    assert batch["status"] == "sent" and batch["period"] == f"{sent_at.year}-H2"
    assert batch["mfaDeadline"] is None  # the MFA's day has not started: it has not got it
    assert {p["center"]: p["contracts"] for p in batch["parts"]} == {
        "EIMZA": [token_contract],
        "ASXM": [asan_contract],
    }
    assert {p["center"]: p["mobileOperators"] for p in batch["parts"]} == {
        "EIMZA": [],
        "ASXM": ["Azercell"],
    }
    dispatched, waiting = contracts.load(token_contract), contracts.load(other_embassy)
    assert dispatched is not None and dispatched.status == "dispatched"
    assert waiting is not None and waiting.status == "signed"
    assert send(local_aws, "EMB-DE", people["EMB-DE"])[0] == 409  # nothing left to send
    assert send(local_aws, "EMB-DE", people["EMB-FR"])[0] == 403

    status, seen = listed(local_aws, "EMB-DE", people["XIN"])
    assert status == 200
    assert seen["current"]["sent"] is True
    assert [b["batchId"] for b in seen["items"]] == [batch["batchId"]]
    assert seen["items"][0]["mfaOverdue"] is False
    assert listed(local_aws, "EMB-DE", people["EMB-FR"])[0] == 403

    assert step(local_aws, "receipt", batch["batchId"], people["EIMZA"])[0] == 409  # not yet
    assert step(local_aws, "forwarding", batch["batchId"], people["XIN"])[0] == 409  # not in hand
    assert step(local_aws, "handover", batch["batchId"], people["EMB-DE"])[0] == 403
    status, received = step(local_aws, "handover", batch["batchId"], people["XIN"])
    assert status == 200, received
    handed_over = clock.parse(received["handedOverAt"])
    assert received["status"] == "handed-over"
    assert clock.parse(received["mfaDeadline"]) == clock.parse(
        clock.iso(calendar.add_business_days(handed_over, 1))
    )
    assert step(local_aws, "handover", batch["batchId"], people["XIN"])[0] == 409
    assert step(local_aws, "forwarding", batch["batchId"], people["EMB-DE"])[0] == 403
    status, forwarded = step(local_aws, "forwarding", batch["batchId"], people["XIN"])
    assert status == 200
    assert forwarded["status"] == "forwarded" and forwarded["forwardedLate"] is False
    forwarded_at = clock.parse(forwarded["forwardedAt"])
    assert clock.parse(forwarded["receiverDeadline"]) == clock.parse(
        clock.iso(calendar.add_business_days(forwarded_at, 3))
    )
    assert step(local_aws, "forwarding", batch["batchId"], people["XIN"])[0] == 409

    status, part = step(local_aws, "receipt", batch["batchId"], people["EIMZA"])
    assert status == 200 and part["status"] == "forwarded"
    assert step(local_aws, "receipt", batch["batchId"], people["EIMZA"])[0] == 409
    status, centers = step(local_aws, "receipt", batch["batchId"], people["ASXM"])
    # §2.16 "müvafiq Mərkəzə və mobil operatora": the ASAN İmza part has one more recipient.
    assert status == 200 and centers["status"] == "forwarded"
    assert step(local_aws, "receipt", batch["batchId"], people["Bakcell"])[0] == 403
    status, done = step(local_aws, "receipt", batch["batchId"], people["Azercell"])
    assert status == 200 and done["status"] == "delivered"
    assert step(local_aws, "receipt", batch["batchId"], people["Azercell"])[0] == 409
    assert all(p["receivedLate"] is False for p in done["parts"])
    asan = next(p for p in done["parts"] if p["center"] == "ASXM")
    assert list(asan["operatorReceipts"]) == ["Azercell"]
    assert asan["operatorReceipts"]["Azercell"]["receivedLate"] is False


def test_e11_a_batch_left_past_the_mfa_deadline_is_overdue_and_its_forwarding_late(
    local_aws: LocalAws, people: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E11: the MFA's business day from its receipt passes → the list flags the batch overdue;
    the late forwarding is still taken, flagged late."""
    signed_contract("token")
    status, batch = send(local_aws, "EMB-DE", people["EMB-DE"])
    assert status == 201
    status, received = step(local_aws, "handover", batch["batchId"], people["XIN"])
    assert status == 200, received
    deadline = clock.parse(received["mfaDeadline"])
    jump_clock(monkeypatch, deadline + timedelta(seconds=1))  # G4: no waiting for a day to pass
    assert clock.now() > deadline
    seen = listed(local_aws, "EMB-DE", people["EMB-DE"])[1]
    assert seen["items"][0]["mfaOverdue"] is True
    status, forwarded = step(local_aws, "forwarding", batch["batchId"], people["XIN"])
    assert status == 200 and forwarded["forwardedLate"] is True


def test_e11_an_embassy_that_sends_no_batch_in_a_half_year_is_alerted_once(
    local_aws: LocalAws, people: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """E11 (§2.16 "ildə iki dəfədən az olmayaraq … Xarici İşlər Nazirliyinə təhvil verilir",
    issue 12 item 6): after 2026's second half-year ends, EMB-DE, which held a contract signed
    in it and sent nothing, is alerted (record, audit, webhook, operator e-mail) once; EMB-FR,
    which sent its batch, and EMB-IT, whose contract was signed in the new half-year, are not."""
    jump_clock(monkeypatch, datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    signed_contract("token", "EMB-DE")
    signed_contract("asan-sim", "EMB-FR")
    assert send(local_aws, "EMB-FR", people["EMB-FR"])[0] == 201
    assert local_aws.invoke("EsignDispatchCheckFunction", {}) == {"alerted": []}  # still in it

    jump_clock(monkeypatch, datetime(2027, 1, 4, 8, 0, tzinfo=UTC))
    signed_contract("token", "EMB-IT")
    assert local_aws.invoke("EsignDispatchCheckFunction", {}) == {"alerted": ["EMB-DE"]}
    alert = ESIGN.get("EMBASSY#EMB-DE", "ALERT#dispatch#2026-H2")
    assert alert is not None and alert["period"] == "2026-H2"
    assert [e["action"] for e in audit.AUDIT.query_all("EMBASSY#EMB-DE")] == [
        "esign-dispatch-missing"
    ]
    assert local_aws.invoke("EsignDispatchCheckFunction", {}) == {"alerted": []}  # once
