"""The free-sale certificate (X7) and the e-wallet (X10) over HTTP against the local stack.

The free-sale certificate runs on a stack of its own whose clock stands at noon of Wednesday
30 December 2026 in Baku and runs at real speed (`EGOV_CLOCK_OFFSET`), so the application is filed
at the New Year edge whatever the machine's load: due at the end of Tuesday 2027-01-05
(§10.3.5.3, "1 (bir) iş günü"). The escalation after that day is proven with the real ASL and a
driven clock in tests/workflow (a scaled clock here would make the test depend on speed). The
e-wallet pays two fees at once on the shared stack.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import httpx
import pytest

from egov.platform.clock import BAKU
from tests.e2e.conftest import RunningStack, launched
from tests.e2e.test_esign import until

STAFF_PASSWORD = "demo-parol-2026"  # docs/demo-accounts.md
CARD = "4169741234567890"
PDF = b"%PDF-1.7\n" + b"quality certificate " * 40
STARTS = datetime(2026, 12, 30, 12, 0, tzinfo=BAKU)  # noon of a Wednesday
DUE = "2027-01-05T19:59:59Z"  # the end of Tuesday 5 January in Baku


def login(http: httpx.Client, username: str) -> dict[str, str]:
    answer = http.post("/auth/login", json={"username": username, "password": STAFF_PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['accessToken']}"}


def upload(http: httpx.Client, who: dict[str, str]) -> str:
    declared = http.post(
        "/uploads",
        headers=who,
        json={
            "purpose": "certificate",
            "fileName": "quality.pdf",
            "contentType": "application/pdf",
            "size": len(PDF),
            "sha256": hashlib.sha256(PDF).hexdigest(),
        },
    )
    assert declared.status_code == 201, declared.text
    form = declared.json()["upload"]
    sent = httpx.post(form["url"], data=form["fields"], files={"file": ("f", PDF)})
    assert sent.status_code in (200, 201, 204)
    attachment = declared.json()["attachmentId"]
    until(
        lambda: http.get(f"/uploads/{attachment}", headers=who).json()["status"] == "stored",
        "the upload stored",
    )
    return str(attachment)


@pytest.fixture(scope="module")
def new_year(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningStack]:
    epoch = time.time()
    env = {"EGOV_CLOCK_EPOCH": str(epoch), "EGOV_CLOCK_OFFSET": str(STARTS.timestamp() - epoch)}
    with launched(tmp_path_factory.mktemp("new-year"), 1.0, env) as running:
        yield running


def test_x7_free_sale_certificate_at_the_new_year_edge(new_year: RunningStack) -> None:
    with new_year.client() as http:
        # An approved producer of goods in the catalogue: the ASAN centre registers the sole
        # trader whose tea the demo catalogue lists (approved at once, P6).
        officer = login(http, "asan.officer")
        producer = http.post(
            "/producers/assisted",
            headers=officer,
            json={
                "kind": "seller",
                "personKind": "legal",
                "voen": "2000600092",
                "username": "ulvi.huseynov",
                "mobile": "+994703456789",
            },
        )
        assert producer.status_code == 201, producer.text
        tea = http.get("/export/catalogue", params={"producer": "2000600092"}).json()["items"]
        exporter = login(http, "goygol.importer")
        body = {"goods": [tea[0]["id"]], "documents": [upload(http, exporter)]}

        # Filed on Wednesday 30 December (Baku): due at the end of the next business day, which
        # the New Year holidays and the weekend push to Tuesday 5 January.
        filed = http.post("/export/free-sale", headers=exporter, json=body)
        assert filed.status_code == 201, filed.text
        filed_at = datetime.fromisoformat(filed.json()["submittedAt"]).astimezone(BAKU)
        assert filed_at.date() == STARTS.date(), filed_at
        app_id = filed.json()["applicationId"]
        assert filed.json()["decisionDeadline"] == DUE

        operator = login(http, "operator")
        decided = http.post(
            f"/export/free-sale/{app_id}/decision", headers=operator, json={"outcome": "issue"}
        )
        assert decided.status_code == 200, decided.text
        assert decided.json()["decision"]["onTime"] is True

        director = login(http, "iitkm.director")
        signed = http.post(f"/export/free-sale/{app_id}/signature", headers=director)
        assert signed.status_code == 200, signed.text
        certificate = signed.json()["certificate"]
        assert certificate["document"]["title"]["en"] == "Free-sale certificate"

        mine = http.get("/export/free-sale", headers=exporter).json()["items"]
        assert mine[0]["certificate"]["number"] == certificate["number"]

        checked = httpx.get(f"{new_year.api}/export/free-sale-certificates/{certificate['number']}")
        assert checked.status_code == 200 and checked.json()["valid"] is True
        assert checked.json()["certificate"] == certificate["document"]

        path = f"/export/free-sale/{app_id}/collection"
        assert http.post(path, headers=operator).status_code == 200
        assert http.post(path, headers=operator).status_code == 409


def test_x10_an_e_wallet_pays_two_fees_at_once_from_a_balance_for_one(stack: RunningStack) -> None:
    with stack.client() as http:
        exporter = login(http, "goygol.importer")
        before = http.get("/export/wallet", headers=exporter).json()["balance"]
        ticket = http.post("/export/wallet/top-ups", headers=exporter, json={"amount": 3000})
        assert ticket.status_code == 201, ticket.text
        paid = httpx.post(
            f"{ticket.json()['payUrl']}/confirm", json={"cardNumber": CARD}, timeout=30
        )
        assert paid.status_code == 200, paid.text
        until(
            lambda: http.get("/export/wallet", headers=exporter).json()["balance"] == before + 3000,
            "the top-up credited",
        )
        assert before == 0  # the demo importer's wallet is new: 3000 covers one fee of 2000

        def pay(n: int) -> int:
            with stack.client() as own:
                return own.post(
                    "/export/wallet/fees",
                    headers=exporter,
                    json={"feeCode": "free-sale-certificate", "subject": f"FREESALE#e2e-{n}"},
                ).status_code

        with ThreadPoolExecutor(2) as pool:
            statuses = sorted(pool.map(pay, (1, 2)))
        assert statuses == [201, 409]

        movements, cursor = [], None
        while True:
            page = http.get(
                "/export/wallet",
                headers=exporter,
                params={"limit": 1, **({"cursor": cursor} if cursor else {})},
            ).json()
            movements += page["items"]
            cursor = page.get("cursor")
            if not cursor:
                break
        assert page["balance"] == before + 1000 >= 0
        assert all(sum(leg["amount"] for leg in m["legs"]) == 0 for m in movements)
        assert sum(m["amount"] for m in movements) == page["balance"]
