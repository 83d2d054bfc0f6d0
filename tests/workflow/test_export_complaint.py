"""Administrative complaints against a permit decision (X9), with the real ASL of
statemachines/export_complaint.asl.json (and export_application.asl.json before it) in moto;
the refusal that is complained against reaches the cabinet, e-mail and mobile (X8).

Seed 001 part 2, §5.1: "Users may complain, through the portal, in the administrative order
against the administrative acts adopted on permits. The administrative body considers these
complaints in the order and period the law sets, sends the act adopted on the result to the
user's electronic cabinet on the portal, and the portal informs the user's e-mail address."
Silence is driven by a scaled clock (a virtual day in half a real second) and a short answer
period passed to the function as the template would; the escalation's next deadline is long, so
the agency's answer after it never races a timer.
"""

from __future__ import annotations

import os
from typing import Any

import boto3
import pytest

from egov.export import complaints
from egov.platform import auth, calendar, clock, exchange, mobile_id
from egov.platform.repository import Table, Transaction
from tests.conftest import LocalAws
from tests.helpers import Calls, account, call, scale_clock, settle, wait_for
from tests.workflow.test_export_application import (
    CAVIAR,
    EXPORTER_FIN,
    agency_endpoints,  # noqa: F401  (autouse: the agencies' webhook receivers)
    answer,
    apply,
    decided,
    form,
    pending,
)

PLATFORM = Table("PLATFORM_TABLE")


def exporter() -> tuple[str, str]:
    """The head of "Göygöl Aqro" MMC (ASAN İmza FIN link), with an e-mail and a mobile."""
    user_id = auth.new_user_id()
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=user_id,
        username=f"exporter-{user_id[:10]}",
        password="not-used-in-these-tests",
        role="citizen",
        name="Məmmədov Elşən Rəşid oğlu",
    )
    mobile_id.link_fin(user_id, EXPORTER_FIN, tx=tx)
    tx.commit()
    tx = Transaction()
    auth.change_contact(tx, user_id, email="elshan@goygol-aqro.az", mobile="+994552345678")
    tx.commit()
    return user_id, auth.issue_token(auth.Principal(user_id=user_id, role="citizen"))


def refused_cites(local_aws: LocalAws, token: str) -> dict[str, Any]:
    """Caviar: ETSN refuses the CITES permit, the two others are issued (X4)."""
    filed = apply(local_aws, token, form(CAVIAR, incentive=False))
    codes = {p["code"]: p["agency"] for p in filed["permits"]}
    app_id = filed["applicationId"]
    asked = wait_for(
        lambda: len(pending(app_id, codes)) == 3 and pending(app_id, codes),
        pump=local_aws.pump,
        what="three requests out",
    )
    answer(local_aws, "ETSN", asked["cites"], "reject", "CITES kvotası tükənib / quota exhausted")
    answer(local_aws, "AQTA", asked["food-safety"], "approve")
    answer(local_aws, "IN", asked["origin"], "approve")
    return decided(local_aws, token, app_id)


def complaint_decision(complaint_id: str) -> str | None:
    for decision in exchange.decisions("ETSN", "pending").items:
        if decision.subject == complaints.subject(complaint_id):
            return decision.decision_id
    return None


def shown(local_aws: LocalAws, token: str, complaint_id: str) -> dict[str, Any]:
    status, body, _ = call(local_aws, "GET", f"/export/complaints/{complaint_id}", token=token)
    assert status == 200, body
    return dict(body)


def open_list(local_aws: LocalAws, token: str) -> dict[str, dict[str, Any]]:
    """The operator's list of open complaints (X9), by complaint id, every page."""
    found: dict[str, dict[str, Any]] = {}
    cursor = None
    while True:
        query = {"cursor": cursor} if cursor else None
        status, page, _ = call(local_aws, "GET", "/export/complaints", token=token, query=query)
        assert status == 200, page
        found |= {c["complaintId"]: c for c in page["items"]}
        cursor = page.get("cursor")
        if not cursor:
            return found


def execution_status(complaint_id: str) -> str:
    machine = os.environ["EXPORT_COMPLAINT_STATE_MACHINE"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{complaint_id}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


def test_x8_x9_refusal_told_everywhere_complaint_escalated_on_silence_then_rejected(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X8: the refusal reaches the cabinet, e-mail and SMS (a message per channel, each with
    its delivery status). X9: the exporter complains against it; the complaint goes to ETSN
    through the exchange with the legal period's deadline; ETSN is silent past it: the
    complaint is escalated (overdue, recorded, operator alerted, exporter told) and the same
    request stays open with a new deadline; ETSN then rejects it with a reason, which the
    exporter sees. A complaint against an issued permit, or a second one while the first is
    under review, is a 409 naming the permit."""
    owner, token = exporter()
    application = refused_cites(local_aws, token)
    assert application["status"] == "refused"
    app_id = application["applicationId"]
    cites = next(p for p in application["permits"] if p["code"] == "cites")
    [refusal] = cites["events"]
    assert (refusal["kind"], refusal["statusAfter"]) == ("refused", "refused")
    notice = PLATFORM.get(f"USER#{owner}", f"INBOX#{refusal['noticeId']}")
    assert notice is not None and notice["key"] == "notice.export-permit-refused"
    assert {notice["delivery_email"]["channel"], notice["delivery_sms"]["channel"]} == {
        "email",
        "sms",
    }
    assert application["mayComplain"] == ["cites"]

    monkeypatch.setenv("EXPORT_COMPLAINT_ESCALATION_BUSINESS_DAYS", "250")
    path = f"/export/applications/{app_id}/complaints"
    text = {"text": "Kvota 2026-cı il üçün tükənməyib; ETSN-in 12/2026 əmrinə baxın."}
    status, problem, _ = call(
        local_aws, "POST", path, token=token, body=text | {"permit": "food-safety"}
    )
    assert (status, problem["errors"][0]["field"]) == (409, "permit")
    scale_clock(monkeypatch, 0.5)
    status, filed, _ = call(local_aws, "POST", path, token=token, body=text | {"permit": "cites"})
    assert status == 201, filed
    assert (filed["agency"], filed["act"], filed["status"]) == ("ETSN", "refused", "under-review")
    complaint_id = filed["complaintId"]
    # G4: the Law on Administrative Proceedings' month, counted as a month by the calendar.
    month = calendar.add_months(clock.parse(filed["filedAt"]), 1)
    assert filed["deadline"] == clock.iso(month)
    status, problem, _ = call(local_aws, "POST", path, token=token, body=text | {"permit": "cites"})
    assert (status, problem["code"]) == (409, "export.complaint.open")

    overdue = wait_for(
        lambda: (seen := shown(local_aws, token, complaint_id))["status"] == "overdue" and seen,
        pump=local_aws.pump,
        what="the complaint escalated",
    )
    scale_clock(monkeypatch, 86400)
    [escalation] = overdue["escalations"]
    assert escalation["missedDeadline"] == filed["deadline"]
    assert overdue["deadline"] == escalation["nextDeadline"] > filed["deadline"]
    decision_id = wait_for(
        lambda: complaint_decision(complaint_id), pump=local_aws.pump, what="asked again"
    )
    request = exchange.decision_of("ETSN", decision_id)
    assert request["kind"] == "export-complaint"
    assert request["payload"]["permit"] == "cites" and request["payload"]["act"] == "refused"
    alerts = [
        m
        for m in PLATFORM.scan_prefix("NOTIFICATION#")
        if m.get("key") == "export.complaint-overdue" and complaint_id in m["text"]
    ]
    assert len(alerts) == 1 and alerts[0]["to"] == os.environ["OPERATOR_ALERT_EMAIL"]
    # X9 (issue 15's gap): the operator lists it, overdue, with its new deadline.
    operator = account("operator")[1]
    listed = open_list(local_aws, operator)[complaint_id]
    assert (listed["status"], listed["deadline"]) == ("overdue", overdue["deadline"])
    assert len(listed["escalations"]) == 1
    inbox = PLATFORM.query(f"USER#{owner}", sk_prefix="INBOX#").items
    assert "notice.export-complaint-overdue" in {i["key"] for i in inbox}

    reason = "Kvota 2026-cı il üzrə bölüşdürülüb / the 2026 quota is allocated"
    answer(local_aws, "ETSN", decision_id, "reject", reason)
    final = wait_for(
        lambda: (seen := shown(local_aws, token, complaint_id))["status"] == "rejected" and seen,
        pump=local_aws.pump,
        what="the complaint answered",
    )
    assert final["answer"]["outcome"] == "rejected"
    assert final["answer"]["reason"] == reason
    assert final["answer"]["decisionId"] == decision_id
    wait_for(lambda: execution_status(complaint_id) == "SUCCEEDED", pump=local_aws.pump)
    cabinet = PLATFORM.get(f"USER#{owner}", f"APPLICATION#export-complaint#{complaint_id}")
    assert cabinet is not None and cabinet["status"] == "rejected"
    assert [s["status"] for s in cabinet["history"]] == ["under-review", "overdue", "rejected"]
    assert complaint_id not in open_list(local_aws, operator)
    settle(local_aws.pump)
    inbox = PLATFORM.query(f"USER#{owner}", sk_prefix="INBOX#").items
    assert "notice.export-complaint-rejected" in {i["key"] for i in inbox}
    # Another user cannot read it.
    other = exporter()[1]
    status, _, _ = call(local_aws, "GET", f"/export/complaints/{complaint_id}", token=other)
    assert status == 404


def test_x9_complaint_upheld_in_time(local_aws: LocalAws) -> None:
    """X9: ETSN upholds the complaint before its deadline: the exporter sees it upheld, with no
    escalation; the permit is open to a new complaint once this one is answered."""
    _, token = exporter()
    application = refused_cites(local_aws, token)
    path = f"/export/applications/{application['applicationId']}/complaints"
    body = {"permit": "cites", "text": "Kvota var."}
    status, filed, _ = call(local_aws, "POST", path, token=token, body=body)
    assert status == 201, filed
    # X9 (issue 15's gap): the operator's list of open complaints, soonest deadline first, a
    # page being the token check and one Query (DESIGN rule 4); for the operator only (G8).
    operator = account("operator")[1]
    calls = Calls()
    status, page, _ = call(local_aws, "GET", "/export/complaints", token=operator)
    dynamodb = {op: n for op, n in calls.seen.items() if op.startswith("dynamodb.")}
    assert dynamodb == {"dynamodb.GetItem": 1, "dynamodb.Query": 1}, dynamodb
    deadlines = [c["deadline"] for c in page["items"]]
    assert deadlines == sorted(deadlines)
    listed = open_list(local_aws, operator)[filed["complaintId"]]
    assert (listed["status"], listed["deadline"]) == ("under-review", filed["deadline"])
    assert listed["agency"] == "ETSN" and listed["permit"] == "cites"
    assert call(local_aws, "GET", "/export/complaints", token=token)[0] == 403
    decision_id = wait_for(
        lambda: complaint_decision(filed["complaintId"]), pump=local_aws.pump, what="asked"
    )
    answer(local_aws, "ETSN", decision_id, "approve")
    final = wait_for(
        lambda: (
            (seen := shown(local_aws, token, filed["complaintId"]))["status"] == "upheld" and seen
        ),
        pump=local_aws.pump,
        what="upheld",
    )
    assert final["escalations"] == [] and final["answer"]["outcome"] == "upheld"
    assert filed["complaintId"] not in open_list(local_aws, operator)
    assert call(local_aws, "POST", path, token=token, body=body)[0] == 201
