"""EKTİS subsidies and complaints through their handlers on moto (issue 17 items 1-2; A3-A5).

Seed 004 §7.1.1.6: "daxil edilmiş məlumatlar üzrə EKTİS-in avtomatik formalaşdırdığı bəyannamə
əsasında subsidiya almaq üçün müraciət etmək"; §7.1.2.9: the supplier claims "qalan məbləğin
alınması"; §7.1.1.7 / §7.1.3.7: the farmer complains, the procurer corrects "və ya həmin
düzəlişdən imtina (əsas göstərilməklə)". The ministry's decision is played here by the
workflow's message (`subsidy.decide`); tests/workflow/test_ektis_subsidy.py runs the real ASL.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

from egov.ektis import complaints, geometry, subsidy
from egov.ektis.subjects import TABLE
from egov.platform import calendar, clock
from tests.conftest import LocalAws
from tests.helpers import account, call, identified
from tests.unit.test_ektis_geometry import square

ELSHAN = "5ZK8M2P"
GUNAY = "2HQ4R7T"
SUPPLIER = "3MB7K4Y"
PROCURER = "4JW6S1L"


def subject(local_aws: LocalAws, fin: str, kinds: list[str] | None = None) -> tuple[str, str]:
    """A registered subject's token and subject id (identified by an ASAN İmza login of `fin`)."""
    _, token = identified(fin)
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/subjects",
        token=token,
        body={
            "personKind": "natural",
            "fin": fin,
            "kinds": kinds or ["farmer"],
            "activities": ["crops"],
            "contacts": {"mobile": "+994501234567"},
        },
    )
    assert status == 201, body
    return token, body["subjectId"]


def parcel(
    local_aws: LocalAws, token: str, west: float, cadastre: str, crop: str
) -> dict[str, Any]:
    shape = square(west, 40.0, 0.002)
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
            "crop": crop,
            "geometry": shape,
        },
    )
    assert status == 201, body
    return dict(body)


def declaration(local_aws: LocalAws, token: str, season: int = 2026) -> dict[str, Any]:
    status, body, _ = call(
        local_aws, "POST", "/ektis/declarations", token=token, body={"season": season}
    )
    assert status == 201, body
    return dict(body)


def apply(local_aws: LocalAws, token: str, declaration_id: str) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(
        local_aws,
        "POST",
        "/ektis/subsidies",
        token=token,
        body={"declarationId": declaration_id},
    )
    return status, body


def farm(local_aws: LocalAws) -> tuple[str, dict[str, Any]]:
    """Elşən with a wheat field and a field of a crop without a rate, and his declaration."""
    token, _ = subject(local_aws, ELSHAN)
    parcel(local_aws, token, 47.0, "AZ-3001", "buğda")
    parcel(local_aws, token, 47.01, "AZ-3002", "zəfəran")
    return token, declaration(local_aws, token)


def decide(subsidy_id: str, outcome: str, reason: str = "") -> None:
    """The workflow's message after the ministry's answer through the exchange."""
    subsidy.decide(
        subsidy.Decided(
            event="granted" if outcome == "approve" else "refused",
            subsidy_id=subsidy_id,
            decision={
                "outcome": outcome,
                "reason": reason,
                "decidedAt": clock.now_iso(),
                "decidedBy": "mkt-officer",
                "agency": "MKT",
            },
        )
    )


def test_a3_a4_the_declaration_is_drawn_up_line_by_line_from_the_entered_parcels(
    local_aws: LocalAws,
) -> None:
    _, drawn = farm(local_aws)
    wheat, saffron = drawn["lines"]  # by cadastre number
    assert (wheat["kind"], wheat["unit"], wheat["item"], wheat["rate"]) == (
        "crop",
        "ha",
        "wheat",
        "120.00",
    )
    quantity = Decimal(wheat["quantity"])
    assert Decimal(wheat["amount"]) == (quantity * 120).quantize(Decimal("0.01"))
    assert wheat["computation"].startswith(f"{quantity} ha × 120.00 AZN/ha = {wheat['amount']}")
    assert wheat["source"]["kind"] == "parcel"
    assert (saffron["rate"], saffron["amount"]) == (None, "0.00")
    assert drawn["total"] == wheat["amount"] and drawn["inputTotal"] == wheat["inputAllowance"]
    assert "half-up" in drawn["rounding"]


def test_g7_a_season_without_rates_is_a_422_naming_season(local_aws: LocalAws) -> None:
    token, _ = subject(local_aws, ELSHAN)
    status, body, _ = call(
        local_aws, "POST", "/ektis/declarations", token=token, body={"season": 2031}
    )
    assert (status, body["errors"][0]["field"]) == (422, "season")


def test_a4_application_is_pending_with_the_ministrys_business_day_deadline(
    local_aws: LocalAws,
) -> None:
    token, drawn = farm(local_aws)
    status, applied = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, applied
    assert (applied["status"], applied["agency"], applied["total"]) == (
        "pending",
        "MKT",
        drawn["total"],
    )
    assert [line["item"] for line in applied["lines"]] == ["wheat"]  # lines with an amount
    due = calendar.due("ektis.subsidy-decision", clock.parse(applied["appliedAt"]))
    assert clock.parse(applied["deadline"]) == due.replace(microsecond=0)
    status, seen, _ = call(
        local_aws, "GET", f"/ektis/subsidies/{applied['subsidyId']}", token=token
    )
    assert status == 200 and seen["lines"][0]["computation"] == applied["lines"][0]["computation"]
    stranger, _ = subject(local_aws, GUNAY)
    status, _, _ = call(
        local_aws, "GET", f"/ektis/subsidies/{applied['subsidyId']}", token=stranger
    )
    assert status == 404  # G8: another subject's application is not there for them


def test_a4_two_concurrent_applications_for_the_same_parcel_and_season_exactly_one_wins(
    local_aws: LocalAws,
) -> None:
    """No double subsidy for the same parcel and season, under concurrent applications: two
    declarations of the same parcels applied for at the same instant."""
    token, first = farm(local_aws)
    second = declaration(local_aws, token)
    start = threading.Barrier(2)

    def race(declaration_id: str) -> tuple[int, dict[str, Any]]:
        start.wait()
        return apply(local_aws, token, declaration_id)

    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(race, [first["declarationId"], second["declarationId"]]))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201, 409], answers
    (refused,) = [body for status, body in answers if status == 409]
    assert refused["errors"][0]["field"] == "declarationId"
    (wheat,) = [line for line in first["lines"] if line["amount"] != "0.00"]
    guard = TABLE.get(subsidy.guard_key(subsidy.Source(**wheat["source"]), 2026), "GUARD")
    (won,) = [body for status, body in answers if status == 201]
    assert guard is not None and guard["owner"] == won["subsidyId"]
    # The next season is another season.
    status, _ = apply(local_aws, token, declaration(local_aws, token, 2027)["declarationId"])
    assert status == 201


def test_a4_a_refusal_releases_the_parcels_a_grant_keeps_them(local_aws: LocalAws) -> None:
    token, drawn = farm(local_aws)
    _, applied = apply(local_aws, token, drawn["declarationId"])
    decide(applied["subsidyId"], "reject", "Sahə əkilməyib")
    _, seen, _ = call(local_aws, "GET", f"/ektis/subsidies/{applied['subsidyId']}", token=token)
    assert (seen["status"], seen["decision"]["reason"]) == ("refused", "Sahə əkilməyib")
    status, again = apply(local_aws, token, declaration(local_aws, token)["declarationId"])
    assert status == 201, again
    decide(again["subsidyId"], "approve")
    decide(again["subsidyId"], "approve")  # a redelivered message changes nothing
    status, third = apply(local_aws, token, declaration(local_aws, token)["declarationId"])
    assert status == 409, third


def granted(local_aws: LocalAws) -> tuple[str, dict[str, Any]]:
    token, drawn = farm(local_aws)
    _, applied = apply(local_aws, token, drawn["declarationId"])
    decide(applied["subsidyId"], "approve")
    return token, applied


def claim(
    local_aws: LocalAws, token: str, subsidy_id: str, amount: str
) -> tuple[int, dict[str, Any]]:
    status, body, _ = call(
        local_aws,
        "POST",
        f"/ektis/subsidies/{subsidy_id}/input-claims",
        token=token,
        body={"amount": amount, "invoice": "QF-2026-0042", "goods": "Ammofos, 10 kisə"},
    )
    return status, body


def test_a4_a_supplier_claims_the_remaining_input_amount_never_more(local_aws: LocalAws) -> None:
    farmer, applied = granted(local_aws)
    supplier, supplier_id = subject(local_aws, SUPPLIER, ["supplier"])
    inputs = Decimal(applied["inputTotal"])
    status, body = claim(local_aws, supplier, applied["subsidyId"], str(inputs + Decimal("0.01")))
    assert (status, body["errors"][0]["field"]) == (422, "amount")
    half = (inputs / 2).quantize(Decimal("0.01"))
    status, made = claim(local_aws, supplier, applied["subsidyId"], str(half))
    assert status == 201, made
    assert made["supplierSubjectId"] == supplier_id
    _, seen, _ = call(local_aws, "GET", f"/ektis/subsidies/{applied['subsidyId']}", token=farmer)
    assert Decimal(seen["inputClaimed"]) == half and [c["claimId"] for c in seen["claims"]] == [
        made["claimId"]
    ]
    status, body = claim(local_aws, supplier, applied["subsidyId"], str(inputs - half + 1))
    assert (status, body["errors"][0]["field"]) == (422, "amount")
    # Only a supplier claims (A4); the farmer's own account is not one.
    status, _ = claim(local_aws, farmer, applied["subsidyId"], "1.00")
    assert status == 403


def complain(local_aws: LocalAws, token: str, **body: Any) -> tuple[int, dict[str, Any]]:
    status, answer, _ = call(
        local_aws,
        "POST",
        "/ektis/complaints",
        token=token,
        body={"text": "Məbləğ qaimə ilə uyğun gəlmir", **body},
    )
    return status, answer


def answer(
    local_aws: LocalAws, token: str, complaint_id: str, **body: Any
) -> tuple[int, dict[str, Any]]:
    status, given, _ = call(
        local_aws, "POST", f"/ektis/complaints/{complaint_id}/answer", token=token, body=body
    )
    return status, given


def test_a5_a_complaint_about_a_claim_is_refused_with_a_reason_seen_by_both(
    local_aws: LocalAws,
) -> None:
    farmer, applied = granted(local_aws)
    supplier, _ = subject(local_aws, SUPPLIER, ["supplier"])
    _, made = claim(local_aws, supplier, applied["subsidyId"], "10.00")
    status, filed = complain(
        local_aws, farmer, about={"kind": "input-claim", "id": made["claimId"]}
    )
    assert status == 201, filed
    assert (filed["status"], filed["respondent"]["kind"]) == ("open", "subject")
    assert "service-level" in filed["deadlineBasis"]
    for token in (farmer, supplier):
        _, listed, _ = call(local_aws, "GET", "/ektis/complaints", token=token)
        assert [c["complaintId"] for c in listed["complaints"]] == [filed["complaintId"]]
    stranger, _ = subject(local_aws, GUNAY)
    status, _, _ = call(
        local_aws, "GET", f"/ektis/complaints/{filed['complaintId']}", token=stranger
    )
    assert status == 404  # G8
    status, _ = answer(local_aws, farmer, filed["complaintId"], outcome="refused", reason="x")
    assert status == 404  # only the respondent answers
    status, body = answer(local_aws, supplier, filed["complaintId"], outcome="refused")
    assert (status, body["errors"][0]["field"]) == (422, "reason")
    status, body = answer(
        local_aws, supplier, filed["complaintId"], outcome="refused", reason="Qaimə düzgündür"
    )
    assert status == 200 and body["status"] == "refused", body
    status, body = answer(local_aws, supplier, filed["complaintId"], outcome="refused", reason="y")
    assert (status, body["errors"][0]["field"]) == (409, "complaintId")
    _, seen, _ = call(local_aws, "GET", f"/ektis/complaints/{filed['complaintId']}", token=farmer)
    assert (seen["status"], seen["answer"]["reason"]) == ("refused", "Qaimə düzgündür")


def test_a5_a_procurer_corrects_a_purchase_record_named_by_kind_and_id(local_aws: LocalAws) -> None:
    """A record of another registry (a procurer's purchase) is named by kind + id and the
    subject who entered it; the correction changes it (A10's tests check the record)."""
    farmer, _ = subject(local_aws, ELSHAN)
    procurer, procurer_id = subject(local_aws, PROCURER, ["procurer"])
    status, bought, _ = call(
        local_aws,
        "POST",
        "/ektis/transactions",
        token=procurer,
        body={
            "kind": "purchase",
            "counterparty": ELSHAN,
            "date": clock.now().date().isoformat(),
            "lines": [{"product": "produce", "name": "Buğda", "quantity": 1.2, "unit": "t"}],
        },
    )
    assert status == 201, bought
    about = {"kind": "purchase", "id": bought["transactionId"]}
    status, body = complain(local_aws, farmer, about=about)
    assert (status, body["errors"][0]["field"]) == (422, "respondentSubjectId")
    status, body = complain(local_aws, farmer, about=about, respondentSubjectId="0" * 32)
    assert (status, body["errors"][0]["field"]) == (422, "respondentSubjectId")
    status, filed = complain(local_aws, farmer, about=about, respondentSubjectId=procurer_id)
    assert status == 201, filed
    status, body = answer(local_aws, procurer, filed["complaintId"], outcome="corrected")
    assert (status, body["errors"][0]["field"]) == (422, "corrections")
    status, body = answer(
        local_aws,
        procurer,
        filed["complaintId"],
        outcome="corrected",
        corrections=[{"field": "lines[0].quantity", "before": "1.2", "after": "1.5"}],
    )
    assert status == 200 and body["status"] == "corrected", body
    assert body["answer"]["corrections"][0]["after"] == "1.5"


def test_a5_a_declaration_complaint_goes_to_the_ministry_and_escalates_when_overdue(
    local_aws: LocalAws,
) -> None:
    farmer, drawn = farm(local_aws)
    status, filed = complain(
        local_aws, farmer, about={"kind": "declaration", "id": drawn["declarationId"]}
    )
    assert status == 201, filed
    assert (filed["respondent"]["kind"], filed["respondent"]["agency"]) == ("agency", "MKT")
    _, officer = account("officer", "MKT")
    _, listed, _ = call(local_aws, "GET", "/ektis/complaints", token=officer)
    assert [c["complaintId"] for c in listed["complaints"]] == [filed["complaintId"]]
    complaints.overdue(filed["complaintId"])  # the timer's message at the deadline (G4)
    complaints.overdue(filed["complaintId"])  # redelivered: escalated once
    _, seen, _ = call(local_aws, "GET", f"/ektis/complaints/{filed['complaintId']}", token=farmer)
    assert seen["status"] == "overdue" and seen["escalatedAt"]
    status, body = answer(
        local_aws,
        officer,
        filed["complaintId"],
        outcome="corrected",
        corrections=[{"field": "lines[1].crop", "before": "zəfəran", "after": "arpa"}],
    )
    assert status == 200 and body["status"] == "corrected", body
    _, other_agency = account("officer", "DIN")
    status, _, _ = call(
        local_aws, "GET", f"/ektis/complaints/{filed['complaintId']}", token=other_agency
    )
    assert status == 403
