"""The non-resident's whole story over HTTP against the local stack, clock scaled (E1–E12, E14).

Log in (demo applicant `j.mueller`), upload the passport copy and photo, save the draft, pay the
fee through the payment simulator, submit; DIN, XIN and DTX answer by the agency simulator's
rules and XKX through its system credentials at the callback; the E-imza Center's staff approve;
the embassy officer invites and records the check; the certificate is in the public registry.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tests.conftest import CEILING, EVENTS
from tests.e2e.conftest import RunningStack
from tests.e2e.test_uploads import log_in, until_settled

PAYING_CARD = "4169741234567890"
PDF = b"%PDF-1.7\n" + b"passport copy " * 40
JPEG = b"\xff\xd8\xff\xe0" + b"colour photo " * 40


def until(check: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def upload(http: httpx.Client, purpose: str, content: bytes, content_type: str) -> str:
    declared = http.post(
        "/uploads",
        json={
            "purpose": purpose,
            "fileName": f"{purpose}.bin",
            "contentType": content_type,
            "size": len(content),
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    )
    assert declared.status_code == 201, declared.text
    form = declared.json()["upload"]
    sent = httpx.post(form["url"], data=form["fields"], files={"file": ("f", content)})
    assert sent.status_code in (200, 201, 204)
    assert until_settled(http, declared.json()["attachmentId"])["status"] == "stored"
    return str(declared.json()["attachmentId"])


def task_about(http: httpx.Client, path: str, subject: str) -> dict[str, Any] | None:
    listed = http.get(path)
    assert listed.status_code == 200, listed.text
    return next((d for d in listed.json()["items"] if d["subject"] == subject), None)


def test_e1_to_e12_a_non_resident_gets_a_certificate_through_the_embassy(
    stack: RunningStack,
) -> None:
    application_id, serial = issue_through_the_embassy(stack, "e2e-esign-1")
    with stack.client(log_in(stack, "j.mueller")) as applicant:
        mine = applicant.get(f"/esign/applications/{application_id}").json()
        assert mine["status"] == "issued" and mine["certificateSerial"] == serial
    with stack.client() as anyone:
        public = anyone.get(f"/certificates/{serial}")
        assert public.status_code == 200, public.text
        assert public.json()["status"] == "active"


def issue_through_the_embassy(stack: RunningStack, idempotency_key: str) -> tuple[str, str]:
    """The whole story up to the embassy's matching check; the application id and the serial."""
    form = json.loads((EVENTS / "esign_application.json").read_text())
    with stack.client(log_in(stack, "j.mueller")) as applicant:
        form["attachments"] = {
            "passportCopy": upload(applicant, "passport-copy", PDF, "application/pdf"),
            "photo": upload(applicant, "photo", JPEG, "image/jpeg"),
        }
        draft = applicant.post(
            "/esign/applications", json=form, headers={"Idempotency-Key": idempotency_key}
        )
        assert draft.status_code == 201, draft.text
        application_id = draft.json()["applicationId"]
        subject = f"ESIGN#{application_id}"
        assert applicant.post(f"/esign/applications/{application_id}/submit").status_code == 402

        fee = applicant.post(f"/esign/applications/{application_id}/fee").json()
        paid = httpx.post(
            f"{fee['payUrl']}/confirm", json={"cardNumber": PAYING_CARD}, timeout=CEILING
        )
        assert paid.json()["status"] == "paid"
        until(
            lambda: applicant.get(f"/payments/{fee['paymentId']}").json()["status"] == "paid",
            "payment",
        )
        submitted = applicant.post(f"/esign/applications/{application_id}/submit")
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["registrationNumber"].startswith("EIMZA-")

    # XKX's simulator stays silent: it answers with its system credentials at the callback.
    with stack.client() as anonymous:
        token = anonymous.post(
            "/auth/token",
            json={"clientId": "xkx-system", "clientSecret": "xkx-system-demo-secret-2026"},
        ).json()["accessToken"]
    with stack.client(token) as xkx:
        decision = until(
            lambda: task_about(xkx, "/agencies/XKX/decisions", subject), "XKX's request"
        )
        answered = xkx.post(
            f"/agencies/XKX/decisions/{decision['decisionId']}", json={"outcome": "approve"}
        )
        assert answered.status_code == 200, answered.text

    with stack.client(log_in(stack, "eimza.center")) as center:
        decision = until(
            lambda: task_about(center, "/agencies/EIMZA/decisions", subject), "the Center's task"
        )
        assert decision["payload"]["virtualFin"].startswith("V")
        approved = center.post(
            f"/agencies/EIMZA/decisions/{decision['decisionId']}", json={"outcome": "approve"}
        )
        assert approved.status_code == 200, approved.text

    with stack.client(log_in(stack, "emb-de.officer")) as embassy:

        def invite_task() -> dict[str, Any] | None:
            tasks = embassy.get("/esign/embassies/EMB-DE/tasks").json()["items"]
            return next((t for t in tasks if t["applicationId"] == application_id), None)

        task = until(invite_task, "the embassy's task")
        assert task["task"] == "invite" and task["overdue"] is False
        base = f"/esign/embassies/EMB-DE/applications/{application_id}"
        at = (stack.now() + timedelta(days=2)).isoformat()
        invited = embassy.post(
            f"{base}/invitation", json={"at": at, "place": "Hubertusallee 43, Berlin"}
        )
        assert invited.status_code == 200, invited.text
        key = Ed25519PrivateKey.generate().public_key()
        der = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        checked = embassy.post(
            f"{base}/check",
            json={
                "outcome": "match",
                "publicKey": base64.b64encode(der).decode(),
                "tokenSerial": "TKN-E2E-1",
            },
        )
        assert checked.status_code == 200, checked.text
        return application_id, str(checked.json()["certificateSerial"])
