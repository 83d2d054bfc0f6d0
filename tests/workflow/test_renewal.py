"""Online renewal of ASAN İmza certificates (R1, R3–R9) with the real ASL in moto.

People log in and sign through the ASAN İmza simulator (the real adapter over HTTP); the
mobile operator's signed activation report and ASXM's answer through the agency exchange reach
the real handlers; the pump delivers every queue to its consumer. A 30-day wait is tested with
the platform clock scaled from the signature on (a virtual day in a fraction of a real second),
so the deadline passes within seconds while it is still counted by the calendar; nothing in the
setup races it. No test assumes the machine gets anywhere before a deadline passes.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from devstack import demo
from devstack.simulators import asan_imza
from egov.certificates import holder_requests, registry
from egov.certificates.models import Certificate, Use
from egov.platform import auth, calendar, clock, secrets, webhooks
from egov.platform.audit import Actor
from egov.platform.clock import BAKU
from egov.platform.repository import Table
from egov.renewal import documents
from egov.renewal.records import RENEWAL, key, renewing, subject
from tests.conftest import LocalAws, rest_event
from tests.helpers import Agency, call, decide, jump_clock, scale_clock, serve_agency, wait_for

GUNAY = {"phoneNumber": "+994552345678", "userId": "240117"}
SHABNAM = {"phoneNumber": "+994996789012", "userId": "507731"}  # employee of "Şəki İpək"
SABINA = {"phoneNumber": "+994514567890", "userId": "428615"}  # its head (tax registry)
EXPIRES = datetime(2026, 12, 20, 12, tzinfo=BAKU)
TODAY = datetime(2026, 12, 1, 12, tzinfo=BAKU)
CERTIFIED: dict[str, tuple[str, str, Use, dict[str, str] | None]] = {
    SHABNAM["phoneNumber"]: (
        "3MB7K4Y",
        "Bağırova Şəbnəm Rövşən qızı",
        "business",
        demo.business("1700400081", '"Şəki İpək" ASC', "Layihə meneceri", "PMO"),
    ),
    GUNAY["phoneNumber"]: ("2HQ4R7T", "Əliyeva Günay İlham qızı", "personal", None),
}
"""The demo ASAN İmza certificate each holder renews: FIN, name, use, business data."""


@pytest.fixture(autouse=True)
def asxm(local_aws: LocalAws) -> Iterator[Agency]:
    """ASXM's system receives the platform's webhooks (the application, decision requests)."""
    with serve_agency() as (receiver, url):
        webhooks.register(
            "ASXM", webhooks.Registration(url=f"{url}/ASXM", scheme="v1a"), Actor.system("t")
        )
        yield receiver


def polled(local_aws: LocalAws, path: str, token: str | None = None) -> tuple[int, dict[str, Any]]:
    """POST until the phone has answered (the simulator answers after a set number of polls)."""
    for _ in range(10):
        status, body, _ = call(local_aws, "POST", path, token=token)
        if status != 202:
            return status, body
    raise AssertionError("the phone never answered")


def mobile_login(local_aws: LocalAws, sim: dict[str, str]) -> str:
    """R1: the person logs in with ASAN İmza (number, user ID, PIN1 on the phone)."""
    status, challenge, _ = call(local_aws, "POST", "/auth/mobile-id", body=sim)
    assert status == 201, challenge
    session = challenge["sessionId"]
    status, token = polled(local_aws, f"/auth/mobile-id/{session}")
    assert status == 200, token
    return str(token["accessToken"])


def signed_in_holder(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch, sim: dict[str, str]
) -> tuple[Certificate, str]:
    """On the tests' day, the holder's ASAN İmza certificate that expires soon (Şəbnəm's for
    business at "Şəki İpək", whose head is Sabina; Günay's personal one), and the holder signed
    in with it: (the old certificate, the token)."""
    jump_clock(monkeypatch, TODAY)
    fin, name, use, info = CERTIFIED[sim["phoneNumber"]]
    old = demo.asan_certificate(sim["phoneNumber"], fin, name, use, EXPIRES, info=info)
    assert old
    return old, mobile_login(local_aws, sim)


def personal_form(**extra: Any) -> dict[str, Any]:
    return {
        "centre": "ASXM-SUMQAYIT",
        "secretQuestion": "first-school",
        "secretAnswer": "Sumqayıt 5 saylı məktəb",
        "numberOwner": "personal",
        "channel": "email",
        "email": "gunay.aliyeva@example.az",
        "confirmed": True,
        **extra,
    }


def business_form() -> dict[str, Any]:
    business = {
        "voen": "1700400081",
        "name": '"Şəki İpək" ASC',
        "position": "Layihə meneceri",
        "unit": "PMO",
        "sealText": '"Şəki İpək" ASC',
        "scope": "both",
    }
    attorney = {
        "name": "Şəbnəm",
        "surname": "Bağırova",
        "patronymic": "Rövşən qızı",
        "fin": "3MB7K4Y",
        "voen": "1700400081",
        "sealText": '"Şəki İpək" ASC',
        "position": "Layihə meneceri",
        "unit": "PMO",
    }
    return personal_form(
        numberOwner="corporate",
        corporateVoen="1700400081",
        channel="sms",
        email=None,
        contactMobile="+994996789012",
        business=business,
        attorney=attorney,
    )


def apply(
    local_aws: LocalAws, token: str, serial: str, form: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(
        local_aws, "POST", f"/renewal/certificates/{serial}/applications", token=token, body=form
    )
    return status, body


def sign(local_aws: LocalAws, token: str, started: dict[str, Any]) -> dict[str, Any]:
    """R6: "Sign and send": the phone signs with PIN2; the application is sent."""
    app_id, session = started["applicationId"], started["sessionId"]
    status, sent = polled(
        local_aws, f"/renewal/applications/{app_id}/signature/{session}", token=token
    )
    assert status == 200, sent
    return sent


def stored(application_id: str) -> dict[str, Any]:
    item = RENEWAL.get(*key(application_id))
    assert item is not None
    return item


def execution_status(application_id: str) -> str:
    machine = os.environ["RENEWAL_STATE_MACHINE"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{application_id}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


def operator_reports(local_aws: LocalAws, phone: str, fin: str) -> int:
    """R8: the operator's signed report: the duplicate SIM active, with its new signing key."""
    report = {
        "phoneNumber": phone,
        "fin": fin,
        "operator": "Azercell",
        "activatedAt": clock.now_iso(),
        "publicKey": base64.b64encode(asan_imza.public_key_der(phone, "signing", 2)).decode(),
    }
    from standardwebhooks import Webhook

    body = json.dumps(report)
    message_id, now = f"act_{uuid.uuid4().hex}", datetime.now(UTC)
    signer = Webhook(secrets.secret("OPERATOR_CALLBACK_SECRET").encode())
    headers = {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signer.sign(message_id, now, body),
    }
    event = rest_event("POST", "/renewal/operator-activations", headers=headers)
    event["body"] = body
    return int(local_aws.invoke("RenewalOperatorActivationFunction", event)["statusCode"])


def asxm_decision(application_id: str) -> dict[str, Any] | None:
    platform = Table("PLATFORM_TABLE")
    for link in platform.query_all(f"DECISIONS-OF#{subject(application_id)}"):
        decision = platform.get(f"DECISION#{link['sk']}", "DECISION")
        if (
            decision
            and decision["kind"] == "renewal-processing"
            and decision["status"] == "pending"
        ):
            return decision
    return None


def asxm_answers(local_aws: LocalAws, decision_id: str, outcome: str = "approve") -> None:
    """R9: an ASXM officer processes the application through the agency exchange."""
    user_id = auth.new_user_id()
    officer = auth.issue_token(auth.Principal(user_id=user_id, role="center", agency="ASXM"))
    from egov.platform.repository import Transaction

    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=f"asxm-{user_id[:8]}",
        password=None,
        role="center",
        name="Fərid Səfərov",
        agency="ASXM",
    )
    tx.commit()
    given = {"outcome": outcome, "reason": "" if outcome == "approve" else "Sənədlər natamamdır"}
    status, body, _ = decide(local_aws, officer, "ASXM", decision_id, given)
    assert status == 200, body


def inbox_keys(user_id: str) -> list[str]:
    items = Table("PLATFORM_TABLE").query(f"USER#{user_id}", sk_prefix="INBOX#").items
    return [i["key"] for i in items]


# ---------------------------------------------------------------- the whole way (R1–R9)


def test_business_renewal_with_power_of_attorney_ends_with_the_new_certificate(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch, asxm: Agency
) -> None:
    """R1, R5–R9: a non-head employee applies; the head found by the VÖEN signs the power of
    attorney; the operator reports the activation; ASXM's officer processes it; the new
    certificate is in the registry and certificate, contract and notice are in Incoming
    documents, sealed."""
    old, token = signed_in_holder(local_aws, monkeypatch, SHABNAM)
    status, started = apply(local_aws, token, old.serial, business_form())
    assert status == 201, started
    assert len(started["verificationCode"]) == 4
    sent = sign(local_aws, token, started)
    app_id = sent["applicationId"]
    assert sent["status"] == "awaiting-attorney"
    assert sent["personal"]["fin"] == "3MB7K4Y" and sent["asan"]["userId"] == "507731"
    item = stored(app_id)
    assert documents.signed_by_holder(item["documents"], item["signature"])  # R6
    assert item["secretAnswerHash"].startswith("$argon2")  # R4: only the hash is kept
    assert "secretAnswer" not in json.dumps(item["documents"])

    head = mobile_login(local_aws, SABINA)
    listed = wait_for(
        lambda: call(local_aws, "GET", "/renewal/attorneys", token=head)[1]["items"],
        pump=local_aws.pump,
        what="the power of attorney in the head's cabinet",
    )
    assert listed[0]["applicationId"] == app_id and listed[0]["status"] == "awaiting-approval"
    assert listed[0]["document"]["givenTo"]["fin"] == "3MB7K4Y"
    wait_for(lambda: stored(app_id).get("waitingFor") == "head", pump=local_aws.pump)
    status, challenge, _ = call(
        local_aws, "POST", f"/renewal/attorneys/{app_id}/approval", token=head
    )
    assert status == 201, challenge
    status, approved = polled(
        local_aws, f"/renewal/attorneys/{app_id}/approval/{challenge['sessionId']}", token=head
    )
    assert status == 200 and approved["status"] == "approved", approved

    wait_for(lambda: stored(app_id)["status"] == "awaiting-activation", pump=local_aws.pump)
    sent_to_asxm = wait_for(lambda: asxm.bodies("renewal.application"), pump=local_aws.pump)
    assert sent_to_asxm[0]["data"]["registrationNumber"] == sent["registrationNumber"]
    wait_for(lambda: stored(app_id).get("waitingFor") == "activation", pump=local_aws.pump)

    assert operator_reports(local_aws, SHABNAM["phoneNumber"], "3MB7K4Y") == 204
    decision = wait_for(lambda: asxm_decision(app_id), pump=local_aws.pump, what="ASXM's task")
    assert stored(app_id)["status"] == "with-asxm"
    asxm_answers(local_aws, decision["decisionId"])

    wait_for(lambda: stored(app_id)["status"] == "activated", pump=local_aws.pump)
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    new_serial = stored(app_id)["newSerial"]
    new, _ = registry.load(new_serial)
    assert (
        new.use == "business"
        and new.status == "active"
        and new.carrier.id == SHABNAM["phoneNumber"]
    )
    assert new.holder.user_id == stored(app_id)["owner"]
    assert registry.proven(new)  # in the registry's log
    assert RENEWAL.get(renewing(old.serial), "GUARD") is None
    status, incoming, _ = call(local_aws, "GET", "/renewal/documents", token=token)
    assert status == 200
    names = sorted(d["name"] for d in incoming["documents"])
    assert names == ["activation-notice", "certificate", "contract"]
    assert all(d["sealHolds"] for d in incoming["documents"])
    assert "renewal.activated" in inbox_keys(stored(app_id)["owner"])


# ---------------------------------------------------------------- the head (R7)


def test_head_refuses_and_the_application_is_cancelled(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R7: the head can only sign or refuse; a refusal cancels, and the applicant is told why."""
    old, token = signed_in_holder(local_aws, monkeypatch, SHABNAM)
    app_id = sign(local_aws, token, apply(local_aws, token, old.serial, business_form())[1])[
        "applicationId"
    ]
    head = mobile_login(local_aws, SABINA)
    wait_for(lambda: stored(app_id).get("waitingFor") == "head", pump=local_aws.pump)
    status, refused, _ = call(
        local_aws,
        "POST",
        f"/renewal/attorneys/{app_id}/refusal",
        token=head,
        body={"reason": "Vəzifə dəyişib"},
    )
    assert status == 200 and refused["status"] == "refused", refused
    wait_for(lambda: stored(app_id)["status"] == "cancelled", pump=local_aws.pump)
    assert stored(app_id)["reason"] == "attorney-refused"
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    owner = stored(app_id)["owner"]
    notices = Table("PLATFORM_TABLE").query(f"USER#{owner}", sk_prefix="INBOX#").items
    cancelled = next(n for n in notices if n["key"] == "renewal.cancelled")
    assert "imtina etdi (Vəzifə dəyişib)" in cancelled["texts"]["body"]["az"]
    assert RENEWAL.get(renewing(old.serial), "GUARD") is None
    # A second answer changes nothing.
    again, _, _ = call(
        local_aws, "POST", f"/renewal/attorneys/{app_id}/refusal", token=head, body={"reason": "x"}
    )
    assert again == 409


def test_head_silent_for_30_days_cancels(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """R7, G4: no approval within 30 calendar days cancels the application (workflow timer)."""
    old, token = signed_in_holder(local_aws, monkeypatch, SHABNAM)
    started = apply(local_aws, token, old.serial, business_form())[1]
    scale_clock(monkeypatch, 0.1)  # from the signature on, a virtual day per 0.1 s
    sent = sign(local_aws, token, started)
    app_id = sent["applicationId"]
    assert sent["attorneyDeadline"] == clock.iso(
        calendar.add_days(clock.parse(stored(app_id)["sentAt"]), 30)
    )
    wait_for(lambda: stored(app_id)["status"] == "cancelled", pump=local_aws.pump)
    assert stored(app_id)["reason"] == "attorney-expired"
    scale_clock(monkeypatch, 86400)
    wait_for(
        lambda: "renewal.cancelled" in inbox_keys(stored(app_id)["owner"]), pump=local_aws.pump
    )


# ---------------------------------------------------------------- the operator (R8)


def test_never_activated_at_the_operator_cancels_30_days_after_expiry(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch, asxm: Agency
) -> None:
    """R8, G4: the holder must activate within 30 days after the old certificate expires."""
    old, token = signed_in_holder(local_aws, monkeypatch, GUNAY)
    status, started = apply(local_aws, token, old.serial, personal_form())
    assert status == 201, started
    scale_clock(monkeypatch, 0.1)
    sent = sign(local_aws, token, started)
    app_id = sent["applicationId"]
    assert sent["status"] == "awaiting-activation"
    assert calendar.baku_day(clock.parse(sent["activationDeadline"])).isoformat() == "2027-01-19"
    wait_for(lambda: stored(app_id)["status"] == "cancelled", pump=local_aws.pump)
    assert stored(app_id)["reason"] == "not-activated"
    assert asxm_decision(app_id) is None


# ---------------------------------------------------------------- ASXM (R9)


def test_asxm_refuses_and_the_applicant_is_told(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch, asxm: Agency
) -> None:
    """R9: ASXM's officer refuses with a reason: no certificate; the applicant is told; the
    certificate may be renewed again."""
    old, token = signed_in_holder(local_aws, monkeypatch, GUNAY)
    app_id = sign(local_aws, token, apply(local_aws, token, old.serial, personal_form())[1])[
        "applicationId"
    ]
    wait_for(lambda: stored(app_id).get("waitingFor") == "activation", pump=local_aws.pump)
    assert operator_reports(local_aws, GUNAY["phoneNumber"], "2HQ4R7T") == 204
    decision = wait_for(lambda: asxm_decision(app_id), pump=local_aws.pump, what="ASXM's task")
    asxm_answers(local_aws, decision["decisionId"], "reject")
    wait_for(lambda: stored(app_id)["status"] == "refused", pump=local_aws.pump)
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    assert "renewal.refused" in inbox_keys(stored(app_id)["owner"])
    assert RENEWAL.get(renewing(old.serial), "GUARD") is None
    assert [c.serial for c in holder_requests.of_holder(stored(app_id)["owner"])] == [old.serial]
