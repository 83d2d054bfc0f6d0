"""The catalogue (X1) and goods at the border (C1-C3) over HTTP against the local stack, with
the demo accounts and data of docs/export.md's walkthrough."""

from __future__ import annotations

from tests.e2e.conftest import RunningStack
from tests.e2e.test_identity import _log_in

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
