"""The catalogue (X1), the export application and its declaration (X4, X5) and goods at the
border (C1-C3) over HTTP against the local stack, with the demo accounts and data of
docs/export.md's walkthrough."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import RunningStack
from tests.e2e.test_identity import _log_in
from tests.e2e.test_producers import STACK_WAIT
from tests.helpers import wait_for

IMPORTER_VOEN = "1400500071"


def test_x1_the_catalogue_is_public_and_searched_the_azerbaijani_way(stack: RunningStack) -> None:
    with stack.client() as http:
        found = http.get("/export/catalogue", params={"q": "IPEK"}).json()["items"]
        assert [e["nameAz"] for e in found] == ["İpək kəlağayı"]
        assert found[0]["producer"]["name"] == '"Şəki İpək" ASC'
        by_hs = http.get("/export/catalogue", params={"hs": "0802"}).json()["items"]
        assert [e["nameAz"] for e in by_hs] == ["Fındıq ləpəsi, qovrulmuş"]
        assert http.get("/export/catalogue", params={"q": "a", "hs": "08"}).status_code == 422


def test_c1_c3_the_importer_sees_its_goods_until_customs_clears_them(stack: RunningStack) -> None:
    importer = _log_in(stack, "goygol.importer")
    customs = _log_in(stack, "dgk.officer")
    with stack.client(importer) as http:
        page = http.get("/customs/goods", params={"voen": IMPORTER_VOEN}).json()
        assert page["importer"]["name"] == '"Göygöl Aqro" MMC'
        barcodes = [g["barcode"] for g in page["items"]]
        assert {"AZ2026120100017", "AZ2026120100019"} <= set(barcodes)
        assert http.get("/customs/goods", params={"voen": "1700400081"}).status_code == 403
    with stack.client(customs) as http:
        cleared = http.post("/customs/goods/AZ2026120100019/clearance", json={})
        assert cleared.status_code in (200, 409), cleared.text  # 409: a rerun on kept data
    with stack.client(importer) as http:
        page = http.get("/customs/goods", params={"voen": IMPORTER_VOEN}).json()
        assert "AZ2026120100019" not in [g["barcode"] for g in page["items"]]


def test_c3_g3_a_border_post_registers_goods_with_a_signed_message(stack: RunningStack) -> None:
    goods = {
        "barcode": "AZ2026120100021",
        "importerVoen": IMPORTER_VOEN,
        "hsCode": "3808941000",
        "description": "Kimyəvi maddə",
        "invoiceValue": 5000.5,
        "currency": "EUR",
        "weightKg": 614.7,
        "packages": 15,
        "exporter": "Chem GmbH",
        "waybill": "XX77132204",
        "invoice": "0278",
        "transport": "10AB123",
        "registeringOffice": "ASTARA",
        "destinationOffice": "BAKI",
        "deliveryHours": 24,
    }
    crossing = stack.simulator_http.post("/border/crossings", json=goods).json()
    assert crossing["delivery"]["status"] == 204, crossing
    with stack.client(_log_in(stack, "goygol.importer")) as http:
        page = http.get("/customs/goods", params={"voen": IMPORTER_VOEN, "limit": 100}).json()
    listed = {g["barcode"]: g for g in page["items"]}
    assert listed["AZ2026120100021"]["description"] == "Kimyəvi maddə"


# ---------------------------------------------------------------- X4, X5: the export application

CAVIAR = {
    "hsCode": "1604310000",
    "description": "Nərə kürüsü",
    "quantity": "12.5",
    "unit": "kg",
    "value": "31250.00",
    "currency": "EUR",
    "origin": "AZ",
    "flags": ["cites", "origin-certificate"],
}
JUICE = CAVIAR | {
    "hsCode": "2009890000",
    "description": "Nar şirəsi",
    "unit": "l",
    "flags": ["origin-certificate"],
}
HAZELNUTS = CAVIAR | {"hsCode": "0802220000", "description": "Fındıq ləpəsi", "flags": []}


def _decided(http: Any, application_id: str) -> dict[str, Any]:
    def shown() -> dict[str, Any] | None:
        page = http.get(f"/export/applications/{application_id}").json()
        return page if page["status"] != "under-review" else None

    return dict(wait_for(shown, STACK_WAIT, what="the permit agencies' answers"))


def test_x4_x5_one_permit_refused_then_all_granted_and_released(stack: RunningStack) -> None:
    """X4, X5 over HTTP with the demo data (docs/export.md): the exporter's caviar needs three
    permits from three agencies (the simulator's ETSN refuses CITES: that permit alone is
    refused, the two others are issued and shown); juice and hazelnuts need three permits, all
    granted; the declaration carries the contract and every permit, customs' system fails once
    (simulator data) and then releases the goods; the result is in the cabinet."""
    exporter = _log_in(stack, "goygol.importer")
    with stack.client(exporter) as http:
        body = {"voen": IMPORTER_VOEN, "destination": "DE", "exportIncentive": True}
        filed = http.post("/export/applications", json=body | {"goods": [CAVIAR]})
        assert filed.status_code == 201, filed.text
        refused = _decided(http, filed.json()["applicationId"])
        assert refused["status"] == "refused"
        assert {p["code"]: p["status"] for p in refused["permits"]} == {
            "food-safety": "issued",
            "origin": "issued",
            "cites": "refused",
        }
        assert "CITES" in next(p for p in refused["permits"] if p["code"] == "cites")["reason"]

        filed = http.post("/export/applications", json=body | {"goods": [JUICE, HAZELNUTS]})
        assert filed.status_code == 201, filed.text
        application_id = filed.json()["applicationId"]
        ready = _decided(http, application_id)
        assert ready["status"] == "ready", ready
        assert {p["agency"] for p in ready["permits"]} == {"AQTA", "IN"}

        path = f"/export/applications/{application_id}/declaration"
        first = http.post(path, json={"contractId": "ctr_demo_1"})
        assert first.status_code == 503, first.text
        sent = http.post(path, json={"contractId": "ctr_demo_1"})
        assert sent.status_code == 200, sent.text
        declaration = sent.json()["declaration"]
        assert sent.json()["status"] == "released"
        assert len(declaration["permits"]) == 3
        assert declaration["contract"] == {"contractId": "ctr_demo_1"}
        mine = http.get("/me/applications").json()["items"]
        assert {a["applicationId"]: a["status"] for a in mine}[application_id] == "released"
