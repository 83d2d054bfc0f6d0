"""An upload over HTTP: declare, send to S3 with the presigned form, see it stored (G5, rule 7)."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import httpx

from tests.e2e.conftest import RunningStack

PASSWORD = "demo-parol-2026"  # docs/demo-accounts.md
SCAN = b"%PDF-1.7\n" + "Etibarnamə — Bakı, 2026".encode() * 40


def log_in(stack: RunningStack, username: str) -> str:
    with stack.client() as http:
        answer = http.post("/auth/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200
    return str(answer.json()["accessToken"])


def until_settled(http: httpx.Client, attachment_id: str, timeout: float = 30.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        view = http.get(f"/uploads/{attachment_id}").json()
        if view["status"] != "pending":
            return dict(view)
        time.sleep(0.2)
    raise AssertionError("the upload was not checked in time")


def test_g5_an_uploaded_file_is_stored_and_can_be_fetched(stack: RunningStack) -> None:
    declaration = {
        "purpose": "power-of-attorney",
        "fileName": "etibarnamə.pdf",
        "contentType": "application/pdf",
        "size": len(SCAN),
        "sha256": hashlib.sha256(SCAN).hexdigest(),
    }
    key = {"Idempotency-Key": "e2e-upload-1"}
    with stack.client(log_in(stack, "asan.officer")) as http:
        first = http.post("/uploads", json=declaration, headers=key)
        again = http.post("/uploads", json=declaration, headers=key)
        assert first.status_code == again.status_code == 201
        assert again.json()["attachmentId"] == first.json()["attachmentId"]
        ticket = first.json()
        form = ticket["upload"]
        sent = httpx.post(form["url"], data=form["fields"], files={"file": ("f", SCAN)})
        assert sent.status_code in (200, 201, 204)
        view = until_settled(http, ticket["attachmentId"])
        assert view["status"] == "stored"
        assert httpx.get(view["download"]["url"]).content == SCAN
    with stack.client(log_in(stack, "din.officer")) as stranger:
        assert stranger.get(f"/uploads/{ticket['attachmentId']}").status_code == 404
