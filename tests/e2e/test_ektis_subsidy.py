"""EKTİS subsidies and complaints over HTTP against the local stack (issue 17 items 1-2; A3-A5):
a demo farmer's declaration drawn up from his mapped wheat field, his application decided by the
ministry's officer through the agency exchange, and his complaint answered by the ministry."""

from __future__ import annotations

from typing import Any

import httpx

from tests.e2e.conftest import RunningStack
from tests.helpers import wait_for

STAFF_PASSWORD = "demo-parol-2026"  # docs/demo-accounts.md
STACK_WAIT = 120.0


def login(stack: RunningStack, username: str) -> httpx.Client:
    with stack.client() as http:
        answer = http.post("/auth/login", json={"username": username, "password": STAFF_PASSWORD})
    assert answer.status_code == 200, answer.text
    return stack.client(answer.json()["accessToken"])


def test_a3_a4_a5_declaration_subsidy_decision_and_complaint(stack: RunningStack) -> None:
    with login(stack, "fermer.elshan") as farmer, login(stack, "mkt.officer") as officer:
        drawn = farmer.post("/ektis/declarations", json={"season": 2026})
        assert drawn.status_code == 201, drawn.text
        declaration = drawn.json()
        # The demo wheat field near Şəki; animal lines too if another test on this shared stack
        # sent him an animal (tests/e2e/test_ektis.py moves a heifer to him).
        (line,) = [line for line in declaration["lines"] if line["kind"] != "animal"]
        assert (line["item"], line["unit"], line["rate"]) == ("wheat", "ha", "120.00")
        assert line["computation"].startswith(f"{line['quantity']} ha × 120.00 AZN/ha")

        applied = farmer.post(
            "/ektis/subsidies", json={"declarationId": declaration["declarationId"]}
        )
        assert applied.status_code == 201, applied.text
        subsidy = applied.json()
        again = farmer.post(
            "/ektis/subsidies", json={"declarationId": declaration["declarationId"]}
        )
        assert again.status_code == 409  # the same parcel and season

        def pending() -> dict[str, Any] | None:
            listed = officer.get("/agencies/MKT/decisions", params={"status": "pending"})
            assert listed.status_code == 200, listed.text
            for item in listed.json()["items"]:
                if item["subject"] == f"SUBSIDY#{subsidy['subsidyId']}":
                    return dict(item)
            return None

        decision = wait_for(pending, STACK_WAIT, what="the ministry's decision request")
        assert decision["payload"]["total"] == subsidy["total"]
        decided = officer.post(
            f"/agencies/MKT/decisions/{decision['decisionId']}", json={"outcome": "approve"}
        )
        assert decided.status_code in (200, 201), decided.text

        def granted() -> dict[str, Any] | None:
            body = farmer.get(f"/ektis/subsidies/{subsidy['subsidyId']}").json()
            return dict(body) if body["status"] == "granted" else None

        shown = wait_for(granted, STACK_WAIT, what="the subsidy granted")
        assert shown["total"] == declaration["total"]

        filed = farmer.post(
            "/ektis/complaints",
            json={
                "about": {"kind": "declaration", "id": declaration["declarationId"]},
                "text": "Sahənin bir hissəsi arpa ilə əkilib",
            },
        )
        assert filed.status_code == 201, filed.text
        complaint = filed.json()
        assert complaint["status"] == "open" and complaint["deadline"]
        listed = officer.get("/ektis/complaints").json()["complaints"]
        assert complaint["complaintId"] in [c["complaintId"] for c in listed]
        answered = officer.post(
            f"/ektis/complaints/{complaint['complaintId']}/answer",
            json={"outcome": "refused", "reason": "Peyk təsvirində bütün sahə buğdadır"},
        )
        assert answered.status_code == 200, answered.text
        seen = farmer.get(f"/ektis/complaints/{complaint['complaintId']}").json()
        assert (seen["status"], seen["answer"]["reason"]) == (
            "refused",
            "Peyk təsvirində bütün sahə buğdadır",
        )
