"""Suppliers, procurers and the farmers who turn to them, through the handlers (A3, A4, A5, G8).

Seed 004 §7.1.1: the farmer may "EKTİS-də qeydiyyatdan keçən süni mayalanma mütəxəssisi və
baytar həkimi haqqında məlumatları əldə etmək, habelə onlara müraciət etmək" (9) and
"kənd təsərrüfatı istehsal vasitələrinin alınması üçün təchizatçıya elektron qaydada müraciət
etmək" (10); §7.1.2: the supplier enters input transactions (4), asks for approbation (8) and
seed certificates (10), "fermerdən daxil olan müraciətləri təsdiqləmək və ya bundan imtina
etmək" (11), "işçilərinə EKTİS-də əməliyyat aparmaq üçün səlahiyyət vermək" (12); §7.1.3.4: the
procurer "fermerdən aldığı məhsullar barədə sənədləri (məlumatları) daxil etmək".
"""

from __future__ import annotations

from typing import Any

from tests.conftest import LocalAws
from tests.functional.ektis.kit import ELSHAN, GUNAY, RUSLAN, SABINA, ULVI, days_ago, subject
from tests.functional.ektis.test_ektis_parcels import declare
from tests.helpers import account, call
from tests.unit.test_ektis_geometry import square

SEEDS = [{"product": "seed", "name": "Buğda toxumu", "quantity": 2, "unit": "t", "priceAzn": 900}]


def field(body: dict[str, Any]) -> str:
    return str(body["errors"][0]["field"])


def test_a3_the_directory_shows_only_what_a_directory_shows(local_aws: LocalAws) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN)
    _, vet_id, _ = subject(local_aws, SABINA, "vet", activities=("veterinary",))
    subject(local_aws, ULVI, "inseminator", activities=("insemination",))
    status, listed, _ = call(
        local_aws, "GET", "/ektis/directory", token=farmer, query={"kind": "vet"}
    )
    assert status == 200, listed
    (entry,) = listed["entries"]
    assert entry["subjectId"] == vet_id
    assert entry["displayName"] == "Qasımova Səbinə Çingiz qızı"
    assert entry["contacts"] == {"mobile": "+994501234567", "email": "ferma@example.az"}
    assert set(entry) == {"subjectId", "displayName", "kinds", "activities", "contacts"}
    assert SABINA not in str(listed) and "Şəki şəhəri" not in str(listed)  # no FIN, no address
    _, listed, _ = call(
        local_aws, "GET", "/ektis/directory", token=farmer, query={"kind": "inseminator"}
    )
    assert [e["displayName"] for e in listed["entries"]] == ["Hüseynov Ülvi Şahin oğlu"]
    # Open to EKTİS subjects, not to any account.
    _, stranger = account("citizen")
    status, _, _ = call(local_aws, "GET", "/ektis/directory", token=stranger, query={"kind": "vet"})
    assert status == 404


def test_a3_a4_a_farmers_request_is_approved_or_refused_once_and_tracked(
    local_aws: LocalAws,
) -> None:
    farmer, farmer_id, _ = subject(local_aws, ELSHAN, activities=("crops",))
    supplier, supplier_id, _ = subject(local_aws, SABINA, "supplier", activities=("inputs",))
    other, _, _ = subject(local_aws, GUNAY)
    request = {"toSubjectId": supplier_id, "kind": "inputs", "lines": SEEDS, "message": "Martda"}
    status, sent, _ = call(local_aws, "POST", "/ektis/requests", token=farmer, body=request)
    assert status == 201, sent
    assert (sent["fromSubjectId"], sent["status"]) == (farmer_id, "sent")
    # Inputs go to a supplier and list what is wanted.
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/requests",
        token=farmer,
        body={**request, "toSubjectId": farmer_id},
    )
    assert (status, field(body)) == (422, "toSubjectId")
    status, body, _ = call(
        local_aws, "POST", "/ektis/requests", token=farmer, body={**request, "lines": []}
    )
    assert (status, field(body)) == (422, "lines")

    status, inbox, _ = call(local_aws, "GET", "/ektis/requests", token=supplier)
    assert [r["requestId"] for r in inbox["requests"]] == [sent["requestId"]]
    path = f"/ektis/requests/{sent['requestId']}/decision"
    status, _, _ = call(local_aws, "POST", path, token=other, body={"outcome": "approve"})
    assert status == 403
    status, body, _ = call(local_aws, "POST", path, token=supplier, body={"outcome": "refuse"})
    assert (status, field(body)) == (422, "reason")
    status, decided, _ = call(local_aws, "POST", path, token=supplier, body={"outcome": "approve"})
    assert status == 200 and decided["status"] == "approved", decided
    status, body, _ = call(
        local_aws, "POST", path, token=supplier, body={"outcome": "refuse", "reason": "Yoxdur"}
    )
    assert (status, field(body)) == (409, "requestId")

    _, tracked, _ = call(local_aws, "GET", "/me/applications", token=farmer)
    (application,) = [a for a in tracked["items"] if a["applicationId"] == sent["requestId"]]
    assert [s["status"] for s in application["history"]] == ["sent", "approved"]


def test_a4_an_employee_acts_for_the_supplier_only_with_the_rights_given(
    local_aws: LocalAws,
) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN)
    supplier, supplier_id, _ = subject(local_aws, SABINA, "supplier", activities=("inputs",))
    employee_id, employee = account("citizen")
    username = f"u{employee_id[:10]}"
    status, sent, _ = call(
        local_aws,
        "POST",
        "/ektis/requests",
        token=farmer,
        body={"toSubjectId": supplier_id, "kind": "inputs", "lines": SEEDS},
    )
    assert status == 201
    query = {"subjectId": supplier_id}
    status, _, _ = call(local_aws, "GET", "/ektis/requests", token=employee, query=query)
    assert status == 403
    status, granted, _ = call(
        local_aws,
        "POST",
        "/ektis/delegations",
        token=supplier,
        body={"username": username, "rights": ["requests"]},
    )
    assert status == 200 and granted["rights"] == ["requests"], granted
    status, inbox, _ = call(local_aws, "GET", "/ektis/requests", token=employee, query=query)
    assert status == 200 and len(inbox["requests"]) == 1
    status, decided, _ = call(
        local_aws,
        "POST",
        f"/ektis/requests/{sent['requestId']}/decision",
        token=employee,
        body={"outcome": "refuse", "reason": "Anbarda qalmayıb"},
    )
    assert status == 200 and decided["decidedBy"] == employee_id
    # Not the transactions right; and withdrawn rights are gone.
    sale = {
        "kind": "input-sale",
        "counterparty": ELSHAN,
        "date": days_ago(1),
        "lines": SEEDS,
        "subjectId": supplier_id,
    }
    status, _, _ = call(local_aws, "POST", "/ektis/transactions", token=employee, body=sale)
    assert status == 403
    call(
        local_aws,
        "POST",
        "/ektis/delegations",
        token=supplier,
        body={"username": username, "rights": []},
    )
    status, _, _ = call(local_aws, "GET", "/ektis/requests", token=employee, query=query)
    assert status == 403
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/delegations",
        token=farmer,
        body={"username": username, "rights": ["requests"]},
    )
    assert (status, field(body)) == (403, "kinds")


def test_a4_a5_transactions_are_seen_by_both_registered_parties(local_aws: LocalAws) -> None:
    farmer, _, _ = subject(local_aws, ELSHAN, activities=("crops",))
    procurer, procurer_id, _ = subject(local_aws, GUNAY, "procurer", activities=("procurement",))
    supplier, _, _ = subject(local_aws, SABINA, "supplier", activities=("inputs",))
    produce = [
        {"product": "produce", "name": "Fındıq", "quantity": 3.5, "unit": "t", "priceAzn": 6200}
    ]
    purchase = {"kind": "purchase", "counterparty": ELSHAN, "date": days_ago(2), "lines": produce}
    status, trade, _ = call(local_aws, "POST", "/ektis/transactions", token=procurer, body=purchase)
    assert status == 201, trade
    assert "counterpartySubjectId" not in trade and trade["totalAzn"] == 21700  # G8
    _, mine, _ = call(local_aws, "GET", "/ektis/transactions", token=farmer)
    assert [t["subjectId"] for t in mine["transactions"]] == [procurer_id]
    # Input sales are a supplier's.
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/transactions",
        token=procurer,
        body={**purchase, "kind": "input-sale"},
    )
    assert (status, field(body)) == (403, "kinds")
    # A supplier's counterparty may be outside EKTİS: the sale waits under his FIN.
    status, sale, _ = call(
        local_aws,
        "POST",
        "/ektis/transactions",
        token=supplier,
        body={
            **purchase,
            "kind": "input-sale",
            "counterparty": RUSLAN,
            "lines": SEEDS,
            "invoiceNumber": "EQF-2026-001",
        },
    )
    assert status == 201 and "counterpartySubjectId" not in sale
    status, _, _ = call(
        local_aws, "GET", "/ektis/transactions", token=farmer, query={"subjectId": procurer_id}
    )
    assert status == 403


def test_a4_approbation_and_seed_certificate_requests_are_tracked(local_aws: LocalAws) -> None:
    supplier, _, _ = subject(local_aws, SABINA, "supplier", activities=("seeds",))
    field_shape = square(47.17, 41.10)
    status, parcel = declare(local_aws, supplier, field_shape, "AZ-SEKI-7001")
    assert status == 201, parcel
    farmer, _, _ = subject(local_aws, ELSHAN)
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/approbations",
        token=farmer,
        body={"kind": "seed-certificate", "crop": "buğda", "variety": "Qobustan", "quantityKg": 5},
    )
    assert (status, field(body)) == (403, "kinds")
    approbation = {"kind": "field-approbation", "crop": "buğda", "variety": "Qobustan"}
    status, body, _ = call(
        local_aws, "POST", "/ektis/approbations", token=supplier, body=approbation
    )
    assert (status, field(body)) == (422, "parcelId")
    status, filed, _ = call(
        local_aws,
        "POST",
        "/ektis/approbations",
        token=supplier,
        body={**approbation, "parcelId": parcel["parcelId"]},
    )
    assert status == 201 and filed["areaHa"] == parcel["areaHa"], filed
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/approbations",
        token=supplier,
        body={**approbation, "kind": "seed-certificate"},
    )
    assert (status, field(body)) == (422, "quantityKg")
    _, tracked, _ = call(local_aws, "GET", "/me/applications", token=supplier)
    assert [
        a["status"] for a in tracked["items"] if a["applicationId"] == filed["approbationId"]
    ] == ["submitted"]
