"""Issue 17's end-to-end test over HTTP against the local stack (A3–A5, A10): a declaration
generated from a demo farmer's field, the ministry's subsidy decision through the agency
exchange, a farmer's complaint about a procurer's purchase corrected by the procurer, and the
ministry's reconciliation report, run in the background, showing the one planted mismatch.

Seed 004 §3.2.6: "üzləşdirmə zamanı aşkar edilən uyğunsuzluqların hesabatlarda öz əksini
tapması"; §7.1.3.7: the procurer corrects "fermerin şikayətinə əsasən daxil etdiyi məlumatlarda".

The planted mismatch: fermer.gunay maps a field under cadastre number AZ-SEKI-0105 larger
than the 2.0 ha the cadastre simulator registers for it (docs/simulators.md). The purchase the
procurer entered as 12 t against her sale of 10 t would be a second one; corrected after her
complaint, it is not.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

import httpx

from tests.e2e.conftest import RunningStack
from tests.e2e.test_ektis_subsidy import STACK_WAIT, login
from tests.helpers import wait_for

GUNAY_FIN = "2HQ4R7T"
GOYGOL_AQRO = "1400500071"  # "Göygöl Aqro" MMC, headed by goygol.importer (tax simulator)


def procurer_subject(http: httpx.Client) -> str:
    """Göygöl Aqro registered in EKTİS as a procurer by its head (once per stack)."""
    registered = http.post(
        "/ektis/subjects",
        json={
            "personKind": "legal",
            "voen": GOYGOL_AQRO,
            "kinds": ["procurer"],
            "activities": ["procurement"],
            "contacts": {"email": "aqro@example.az"},
        },
    )
    if registered.status_code == 409:
        registered = http.get("/ektis/subjects/me")
        return str(registered.json()["subject"]["subjectId"])
    assert registered.status_code == 201, registered.text
    return str(registered.json()["subjectId"])


def planted_parcel(http: httpx.Client) -> str:
    west, south, size = 47.2500, 41.1500, 0.002  # about 3.7 ha near Şəki
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south + size]]
    declared = http.post(
        "/ektis/parcels",
        json={
            "cadastreId": "AZ-SEKI-0105",
            "areaHa": 3.7,
            "category": "agricultural",
            "use": "arable",
            "crop": "arpa",
            "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
        },
    )
    assert declared.status_code == 201, declared.text
    return str(declared.json()["parcelId"])


def granted_subsidy(farmer: httpx.Client, officer: httpx.Client) -> dict[str, Any]:
    """fermer.elshan's declaration drawn up from his wheat field, applied for and granted."""
    drawn = farmer.post("/ektis/declarations", json={"season": 2027})
    assert drawn.status_code == 201, drawn.text
    declaration = drawn.json()
    # His wheat field; animal lines too if another test on this shared stack gave him a herd.
    assert [line["item"] for line in declaration["lines"] if line["kind"] != "animal"] == ["wheat"]
    applied = farmer.post("/ektis/subsidies", json={"declarationId": declaration["declarationId"]})
    assert applied.status_code == 201, applied.text
    subsidy = applied.json()

    def pending() -> dict[str, Any] | None:
        listed = officer.get("/agencies/MKT/decisions", params={"status": "pending"}).json()
        wanted = f"SUBSIDY#{subsidy['subsidyId']}"
        return next((dict(i) for i in listed["items"] if i["subject"] == wanted), None)

    decision = wait_for(pending, STACK_WAIT, what="the ministry's decision request")
    answered = officer.post(
        f"/agencies/MKT/decisions/{decision['decisionId']}", json={"outcome": "approve"}
    )
    assert answered.status_code in (200, 201), answered.text

    def granted() -> dict[str, Any] | None:
        body = farmer.get(f"/ektis/subsidies/{subsidy['subsidyId']}").json()
        return dict(body) if body["status"] == "granted" else None

    return dict(wait_for(granted, STACK_WAIT, what="the subsidy granted"))


def test_a10_declaration_subsidy_corrected_purchase_and_a_report_with_one_planted_mismatch(
    stack: RunningStack,
) -> None:
    day = stack.now().date().isoformat()
    with (
        login(stack, "fermer.elshan") as elshan,
        login(stack, "fermer.gunay") as gunay,
        login(stack, "goygol.importer") as procurer,
        login(stack, "mkt.officer") as officer,
    ):
        subsidy = granted_subsidy(elshan, officer)
        assert subsidy["decision"]["outcome"] == "approve"

        procurer_id = procurer_subject(procurer)
        gunay_id = gunay.get("/ektis/subjects/me").json()["subject"]["subjectId"]
        elshan_id = elshan.get("/ektis/subjects/me").json()["subject"]["subjectId"]
        planted = planted_parcel(gunay)
        wheat = {"product": "produce", "name": "Buğda", "unit": "t"}
        sold = gunay.post(
            "/ektis/transactions",
            json={
                "kind": "sale",
                "counterparty": GOYGOL_AQRO,
                "date": day,
                "lines": [{**wheat, "quantity": 10}],
            },
        )
        assert sold.status_code == 201, sold.text
        bought = procurer.post(
            "/ektis/transactions",
            json={
                "kind": "purchase",
                "counterparty": GUNAY_FIN,
                "date": day,
                "lines": [{**wheat, "quantity": 12}],
            },
        )
        assert bought.status_code == 201, bought.text
        purchase = bought.json()["transactionId"]

        filed = gunay.post(
            "/ektis/complaints",
            json={
                "about": {"kind": "purchase", "id": purchase},
                "respondentSubjectId": procurer_id,
                "text": "Göygöl Aqro-ya 10 ton buğda satmışam, 12 ton yox",
            },
        )
        assert filed.status_code == 201, filed.text
        complaint = filed.json()
        mine = procurer.get("/ektis/complaints").json()["complaints"]
        assert complaint["complaintId"] in [c["complaintId"] for c in mine]
        corrected = procurer.post(
            f"/ektis/complaints/{complaint['complaintId']}/answer",
            json={
                "outcome": "corrected",
                "corrections": [{"field": "lines[0].quantity", "before": "12", "after": "10"}],
            },
        )
        assert corrected.status_code == 200, corrected.text
        seen = gunay.get(f"/ektis/complaints/{complaint['complaintId']}").json()
        assert seen["status"] == "corrected"

        year = int(day[:4])
        asked = officer.post(
            "/ektis/reports",
            json={"regions": ["AZ-SAK"], "from": f"{year}-01", "to": f"{year + 1}-12"},
        )
        assert asked.status_code == 201, asked.text
        location = asked.headers["Location"]

        def finished() -> dict[str, Any] | None:
            shown = officer.get(location)
            assert shown.status_code == 200, shown.text
            body = shown.json()
            assert body["status"] in ("queued", "running", "done"), body
            return dict(body) if body["status"] == "done" else None

        report = wait_for(finished, STACK_WAIT, what="the report done in the background")
        assert report["progress"]["partitions"] == 2  # Şəki, this year and the next
        ours = {elshan_id, gunay_id, procurer_id}
        (only,) = [m for m in report["mismatches"] if m["subjectId"] in ours]
        assert (only["kind"], only["record"], only["expected"], only["found"]) == (
            "parcel-area-exceeds-cadastre",
            f"parcel#{planted}",
            "2.0 ha",
            "3.7 ha",
        )

        exported = officer.get(f"{location}/csv", params={"part": "mismatches"})
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(exported.text)))
        assert f"parcel#{planted}" in [row["record"] for row in rows]
        chart = officer.get(f"{location}/chart", params={"measure": "areaHa", "dimension": "crop"})
        assert chart.status_code == 200
        assert chart.headers["content-type"].startswith("image/svg+xml")
        assert ET.fromstring(chart.text).tag == "{http://www.w3.org/2000/svg}svg"
        assert gunay.get(location).status_code == 403  # the ministry's staff only
