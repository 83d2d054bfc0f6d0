"""EKTİS reconciliation and reports through their handlers on moto (issue 17 item 4; A10).

Seed 004 §3.2.6: "“təhlil və hesabat” altsistemi vasitəsilə bir neçə mənbədən əldə edilmiş
məlumatların təhlili üçün həmin məlumatların üzləşdirilməsi, üzləşdirmə zamanı aşkar edilən
uyğunsuzluqların hesabatlarda öz əksini tapması, müxtəlif parametrlərə görə hesabatların
alınması". §7.1.3.7: the procurer corrects "fermerin şikayətinə əsasən daxil etdiyi
məlumatlarda düzəliş".

The report runs as the EktisReportQueue's consumer would run it: step after step
(`reports.step`), each step's message what the previous one sent.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from typing import Any

from egov.ektis import geometry, reports
from egov.ektis.subjects import TABLE
from egov.platform import clock
from tests.conftest import LocalAws
from tests.functional.ektis.kit import GUNAY, RUSLAN, SABINA, subject, today
from tests.helpers import account, call
from tests.unit.test_ektis_geometry import square


def declare(local_aws: LocalAws, token: str, west: float, south: float, cadastre: str) -> str:
    shape = square(west, south, 0.002)
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/parcels",
        token=token,
        body={
            "cadastreId": cadastre,
            "areaHa": round(geometry.parse(shape).area_m2 / 10_000, 2),
            "category": "agricultural",
            "use": "arable",
            "crop": "buğda",
            "geometry": shape,
        },
    )
    assert status == 201, body
    return str(body["parcelId"])


def trade(local_aws: LocalAws, token: str, kind: str, counterparty: str, tonnes: int) -> str:
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/transactions",
        token=token,
        body={
            "kind": kind,
            "counterparty": counterparty,
            "date": today().isoformat(),
            "lines": [
                {"product": "produce", "name": "Buğda", "quantity": tonnes, "unit": "t"},
            ],
        },
    )
    assert status == 201, body
    return str(body["transactionId"])


def this_year() -> dict[str, str]:
    day = today()
    return {"from": f"{day.year}-01", "to": f"{day.year}-12"}


def run(local_aws: LocalAws, officer: str, body: dict[str, Any]) -> dict[str, Any]:
    """Ask for the report and play the queue's steps until it is done."""
    status, asked, headers = call(local_aws, "POST", "/ektis/reports", token=officer, body=body)
    assert status == 201, asked
    assert asked["status"] == "queued" and headers["Location"].endswith(asked["reportId"])
    for number in range(50):
        reports.step({"reportId": asked["reportId"], "step": number})
        status, shown, _ = call(
            local_aws, "GET", f"/ektis/reports/{asked['reportId']}", token=officer
        )
        assert status == 200, shown
        if shown["status"] == "done":
            return dict(shown)
        assert shown["status"] == "running"
    raise AssertionError("the report did not finish")


def test_a10_reconciliation_shows_each_mismatch_by_district_and_a_correction_clears_one(
    local_aws: LocalAws,
) -> None:
    sabina, _, _ = subject(local_aws, SABINA, "farmer", activities=("crops",))
    gunay, _, _ = subject(local_aws, GUNAY, "farmer", activities=("crops",))
    procurer, procurer_id, _ = subject(local_aws, RUSLAN, "procurer", activities=("procurement",))
    _, officer = account("officer", "MKT")
    # Şəki: one parcel as the cadastre has it, and three that do not agree with it.
    declare(local_aws, sabina, 47.17, 41.05, "AZ-SEKI-0101")  # 4.0 ha, hers: agrees
    small = declare(local_aws, sabina, 47.18, 41.05, "AZ-SEKI-0102")  # 1.0 ha registered
    other = declare(local_aws, sabina, 47.19, 41.05, "AZ-SEKI-0103")  # Ülvi's
    unknown = declare(local_aws, sabina, 47.20, 41.05, "AZ-SEKI-9999")  # not in the cadastre
    # Sabirabad: Günay's parcel is someone else's too, but a Şəki report never reads it.
    declare(local_aws, gunay, 48.30, 40.00, "AZ-SAB-0001")
    # Səbinə sold 10 t of wheat to the procurer, who entered 12 t.
    trade(local_aws, sabina, "sale", RUSLAN, 10)
    purchase = trade(local_aws, procurer, "purchase", SABINA, 12)

    done = run(local_aws, officer, {"regions": ["AZ-SAK"], **this_year()})
    progress = done["progress"]
    assert progress["partitions"] == 1 and progress["partitionsDone"] == 1
    assert progress["factsRead"] == 6  # 4 parcels, a sale and a purchase: nothing of Sabirabad
    assert progress["cadastreLookups"] == 4
    found = {(m["kind"], m["record"]) for m in done["mismatches"]}
    assert found == {
        ("parcel-area-exceeds-cadastre", f"parcel#{small}"),
        ("parcel-holder-differs", f"parcel#{other}"),
        ("parcel-not-in-cadastre", f"parcel#{unknown}"),
        ("purchase-sale-quantity-differs", f"purchase#{purchase}"),
    }
    assert done["mismatchCount"] == 4
    (wheat,) = [r for r in done["rows"] if r["crop"] == "wheat" and r["subjectKind"] == "farmer"]
    assert (wheat["region"], wheat["parcels"], wheat["mismatches"]) == ("AZ-SAK", 4, 3)
    assert wheat["soldKg"] == 10_000
    (bought,) = [r for r in done["rows"] if r["subjectKind"] == "procurer"]
    assert (bought["purchasedKg"], bought["mismatches"]) == (12_000, 1)

    # CSV of the rows and of the mismatches, texts in the caller's language.
    status, text, headers = call(
        local_aws,
        "GET",
        f"/ektis/reports/{done['reportId']}/csv",
        token=officer,
        query={"part": "mismatches"},
        headers={"Accept-Language": "en"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(text)))
    assert len(lines) == 4 and {line["regionName"] for line in lines} == {"Shaki"}
    assert "exceeds the cadastre" in next(
        line["meaning"] for line in lines if line["kind"] == "parcel-area-exceeds-cadastre"
    )
    status, text, _ = call(
        local_aws, "GET", f"/ektis/reports/{done['reportId']}/csv", token=officer
    )
    assert status == 200 and text.splitlines()[0].startswith("region,crop,period,subjectKind,")
    # An SVG chart a person can look at: well-formed, a bar per district, with its value.
    status, svg, headers = call(
        local_aws,
        "GET",
        f"/ektis/reports/{done['reportId']}/chart",
        token=officer,
        query={"measure": "mismatches", "dimension": "region"},
    )
    assert status == 200 and headers["Content-Type"].startswith("image/svg+xml")
    drawn = ET.fromstring(svg)
    bars = [
        e for e in drawn.iter("{http://www.w3.org/2000/svg}rect") if e.find("{*}title") is not None
    ]
    assert [bar.find("{*}title").text for bar in bars] == ["Şəki (AZ-SAK): 4"]  # type: ignore[union-attr]

    # The farmer complains; the procurer corrects his purchase to 10 t (A5 §7.1.3.7).
    status, complaint, _ = call(
        local_aws,
        "POST",
        "/ektis/complaints",
        token=sabina,
        body={
            "about": {"kind": "purchase", "id": purchase},
            "respondentSubjectId": procurer_id,
            "text": "Tədarükçüyə 10 ton satmışam, 12 yox",
        },
    )
    assert status == 201, complaint
    wrong = {
        "outcome": "corrected",
        "corrections": [{"field": "lines[0].quantity", "before": "11", "after": "10"}],
    }
    status, problem, _ = call(
        local_aws,
        "POST",
        f"/ektis/complaints/{complaint['complaintId']}/answer",
        token=procurer,
        body=wrong,
    )
    assert status == 422 and problem["errors"][0]["field"] == "corrections"  # before ≠ the record
    status, answered, _ = call(
        local_aws,
        "POST",
        f"/ektis/complaints/{complaint['complaintId']}/answer",
        token=procurer,
        body={
            "outcome": "corrected",
            "corrections": [{"field": "lines[0].quantity", "before": "12", "after": "10"}],
        },
    )
    assert status == 200, answered
    status, listed, _ = call(local_aws, "GET", "/ektis/transactions", token=sabina)
    (entered,) = [t for t in listed["transactions"] if t["transactionId"] == purchase]
    assert entered["lines"][0]["quantity"] == 10  # the farmer's copy is corrected too

    again = run(local_aws, officer, {"regions": ["AZ-SAK"], **this_year()})
    assert {m["kind"] for m in again["mismatches"]} == {
        "parcel-area-exceeds-cadastre",
        "parcel-holder-differs",
        "parcel-not-in-cadastre",
    }


def test_a10_a_step_delivered_twice_changes_nothing_and_reports_need_the_ministry(
    local_aws: LocalAws,
) -> None:
    sabina, _, _ = subject(local_aws, SABINA, "farmer", activities=("crops",))
    declare(local_aws, sabina, 47.17, 41.05, "AZ-SEKI-0101")
    _, officer = account("officer", "MKT")
    status, asked, _ = call(
        local_aws,
        "POST",
        "/ektis/reports",
        token=officer,
        body={"regions": ["AZ-SAK", "AZ-QBA"], **this_year()},
    )
    assert status == 201
    report = asked["reportId"]
    status, problem, _ = call(local_aws, "GET", f"/ektis/reports/{report}/csv", token=officer)
    assert status == 409 and problem["errors"][0]["field"] == "reportId"  # not done yet
    reports.step({"reportId": report, "step": 0})
    before = TABLE.get(f"REPORT#{report}", "REPORT")
    reports.step({"reportId": report, "step": 0})  # the queue delivers it again
    assert TABLE.get(f"REPORT#{report}", "REPORT") == before
    assert before is not None and before["progress"]["partitionsDone"] == 1
    status, shown, _ = call(local_aws, "GET", "/ektis/reports", token=officer)
    assert status == 200 and shown["reports"][0]["reportId"] == report

    # G7: bad requests are 422s naming the field, nothing stored.
    for body, field in (
        ({"regions": ["AZ-ZZZ"], **this_year()}, "regions"),
        ({"from": "2026-05", "to": "2026-04"}, "to"),
        ({"from": "2020-01", "to": "2026-12"}, "to"),
        ({"from": "2026-13", "to": "2026-12"}, "from"),
        ({"from": "0000-01", "to": "0000-01"}, "from"),  # no year 0: was a 500 (the fuzz)
    ):
        status, problem, _ = call(local_aws, "POST", "/ektis/reports", token=officer, body=body)
        assert status == 422 and problem["errors"][0]["field"] == field, (body, problem)
    # The agency staff role in the access rules: MKT's officers, no citizen, no other agency.
    _, other = account("officer", "DGK")
    for token in (sabina, other):
        status, _, _ = call(local_aws, "POST", "/ektis/reports", token=token, body=this_year())
        assert status == 403
        status, _, _ = call(local_aws, "GET", f"/ektis/reports/{report}", token=token)
        assert status == 403
    assert clock.now()  # the report's times come from the platform clock
