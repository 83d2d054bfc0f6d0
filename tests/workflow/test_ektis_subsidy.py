"""The EktisSubsidy workflow and EKTİS's timer (complaints, movements) running their real ASL in moto (issue 17
items 1-2; A3-A5, G3, G4).

The tests play the agency exchange: they take the decision request from the
DecisionRequestQueue and answer its task token as the exchange does after the ministry's
callback, and deliver the workflow's messages to the EKTİS consumer. Seed 004 sets no period for
either decision: the deadlines are the service levels `ektis.subsidy-decision` and
`ektis.complaint-answer` (business days, egov.platform.calendar)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from egov.ektis import complaints, livestock, subsidy
from egov.platform import audit, aws, calendar, clock, exchange
from egov.platform.applications import application_key
from egov.platform.auth import PLATFORM
from tests.conftest import LocalAws
from tests.functional.ektis import kit
from tests.functional.ektis.test_ektis_declarations import corrected
from tests.functional.ektis.test_ektis_subsidy import apply, complain, farm
from tests.helpers import account, answer_request, call, decision_request, taken, wait_for

OPERATOR = "operator@egov.az"


def deliver(local_aws: LocalAws) -> None:
    (sub,) = local_aws.pump.subscriptions_of("EktisSubsidyEventsFunction")
    wait_for(lambda: local_aws.pump.poll(sub), what="a message on the EKTİS queue")


def execution(machine: str, name: str) -> str:
    arn = aws.resource_name(machine).replace(":stateMachine:", ":execution:")
    return f"{arn}:{name}"


def ended_as(arn: str, status: str) -> None:
    sfn = aws.client("stepfunctions")
    wait_for(
        lambda: sfn.describe_execution(executionArn=arn)["status"] == status,
        what=f"the execution {status}",
    )


def applied(local_aws: LocalAws) -> tuple[str, dict[str, Any]]:
    token, drawn = farm(local_aws)
    status, body = apply(local_aws, token, drawn["declarationId"])
    assert status == 201, body
    return token, body


def seen(local_aws: LocalAws, token: str, subsidy_id: str) -> dict[str, Any]:
    status, body, _ = call(local_aws, "GET", f"/ektis/subsidies/{subsidy_id}", token=token)
    assert status == 200, body
    return dict(body)


def cabinet_status(owner: str, application_id: str) -> str:
    item = PLATFORM.get(*application_key(owner, "ektis", application_id))
    assert item is not None
    return str(item["status"])


def test_a4_granted_through_the_exchange_with_the_computation_sent(local_aws: LocalAws) -> None:
    token, body = applied(local_aws)
    request = decision_request(local_aws)
    assert (request["agency"], request["kind"], request["subject"]) == (
        "MKT",
        "ektis-subsidy",
        f"SUBSIDY#{body['subsidyId']}",
    )
    assert clock.parse(request["deadline"]) == clock.parse(body["deadline"])
    assert request["payload"]["lines"][0]["computation"] == body["lines"][0]["computation"]
    assert request["timeline"]["applicationId"] == body["subsidyId"]
    answer_request(request, "approve")
    deliver(local_aws)
    ended_as(execution("EKTIS_SUBSIDY_ARN", body["subsidyId"]), "SUCCEEDED")
    after = seen(local_aws, token, body["subsidyId"])
    assert (after["status"], after["decision"]["decidedBy"]) == ("granted", "mkt-officer")
    owner = subsidy.load(body["subsidyId"])["owner"]
    assert cabinet_status(owner, body["subsidyId"]) == "granted"


def test_a4_refused_with_the_ministrys_reason(local_aws: LocalAws) -> None:
    token, body = applied(local_aws)
    answer_request(decision_request(local_aws), "reject", "Sahədə əkin aşkar edilmədi")
    deliver(local_aws)
    ended_as(execution("EKTIS_SUBSIDY_ARN", body["subsidyId"]), "SUCCEEDED")
    after = seen(local_aws, token, body["subsidyId"])
    assert (after["status"], after["decision"]["reason"]) == (
        "refused",
        "Sahədə əkin aşkar edilmədi",
    )


def soon_once(monkeypatch: pytest.MonkeyPatch, period: str, seconds: int = 2) -> None:
    """The next deadline of `period` comes in `seconds` (the timeout the test wants to see);
    every later one is the calendar's."""
    real = calendar.due
    used: list[bool] = []

    def due(name: str, start: datetime) -> datetime:
        if name == period and not used:
            used.append(True)
            return clock.now() + timedelta(seconds=seconds)
        return real(name, start)

    monkeypatch.setattr(calendar, "due", due)


def test_g4_a_missed_deadline_escalates_and_the_request_stays_open(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No silent grant of public money: the deadline passes → escalation recorded, operator
    alerted, status overdue; the same request is asked again with a business-day deadline and
    a later answer still counts."""
    soon_once(monkeypatch, subsidy.PERIOD)
    token, body = applied(local_aws)
    first = decision_request(local_aws)
    deliver(local_aws)  # the overdue step: escalation, alert, the next deadline
    (escalation,) = subsidy.escalations(body["subsidyId"])
    assert escalation["missedDeadline"] == first["deadline"]
    assert seen(local_aws, token, body["subsidyId"])["status"] == "overdue"
    second = decision_request(local_aws)
    assert second["reopen"] is True
    assert clock.parse(second["deadline"]) == calendar.due(
        subsidy.PERIOD, clock.parse(first["deadline"])
    ).replace(microsecond=0)
    answer_request(second, "approve")
    deliver(local_aws)
    ended_as(execution("EKTIS_SUBSIDY_ARN", body["subsidyId"]), "SUCCEEDED")
    after = seen(local_aws, token, body["subsidyId"])
    assert (after["status"], after["escalations"]) == ("granted", 1)
    assert cabinet_status(subsidy.load(body["subsidyId"])["owner"], body["subsidyId"]) == "granted"


def test_a5_g4_the_complaint_timer_escalates_an_unanswered_complaint(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    soon_once(monkeypatch, complaints.PERIOD)
    farmer, drawn = farm(local_aws)
    status, filed = complain(
        local_aws, farmer, about={"kind": "declaration", "id": drawn["declarationId"]}
    )
    assert status == 201, filed
    deliver(local_aws)  # the timer's message at the deadline
    ended_as(execution("EKTIS_TIMER_ARN", filed["complaintId"]), "SUCCEEDED")
    _, after, _ = call(local_aws, "GET", f"/ektis/complaints/{filed['complaintId']}", token=farmer)
    assert after["status"] == "overdue" and after["escalatedAt"]


def test_a7_g4_the_timer_lapses_a_movement_nobody_confirmed(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A7: the movement's confirmation period (`ektis.movement-confirmation`, a service level)
    runs in EKTİS's timer workflow; at its end the unconfirmed movement lapses and the animal,
    still the sender's, is free to be sent again."""
    soon_once(monkeypatch, livestock.CONFIRMATION)
    seller, _, _ = kit.subject(local_aws, kit.ELSHAN, "farmer")
    buyer, _, _ = kit.subject(local_aws, kit.GUNAY, "farmer")
    tag = kit.register_animal(local_aws, seller, tag=kit.ear_tag(40))["earTag"]
    move = {"to": kit.GUNAY, "movedOn": kit.days_ago(0), "reason": "sale"}
    status, sent, _ = call(
        local_aws, "POST", f"/ektis/animals/{tag}/movements", token=seller, body=move
    )
    assert status == 201, sent
    deliver(local_aws)  # the timer's message at the end of the period
    ended_as(execution("EKTIS_TIMER_ARN", f"movement-{sent['movementId']}"), "SUCCEEDED")
    assert livestock.load(tag).get("transit") is None
    status, body, _ = call(local_aws, "POST", f"/ektis/animals/{tag}/arrival", token=buyer)
    assert (status, body["code"]) == (404, "ektis.movement.missing")
    _, kept, _ = call(local_aws, "GET", "/ektis/livestock", token=seller)
    assert [m["status"] for m in kept["movements"]] == ["lapsed"]


def withdraw(local_aws: LocalAws, token: str, subsidy_id: str) -> None:
    status, body, _ = call(
        local_aws, "POST", f"/ektis/subsidies/{subsidy_id}/withdrawal", token=token, body={}
    )
    assert (status, body["status"]) == (200, "withdrawn"), body


def states_entered(arn: str) -> list[str]:
    events = aws.client("stepfunctions").get_execution_history(executionArn=arn)["events"]
    return [
        e["stateEnteredEventDetails"]["name"] for e in events if "stateEnteredEventDetails" in e
    ]


def test_a3_a_withdrawn_application_ends_the_workflow_cleanly(local_aws: LocalAws) -> None:
    """A3: the applicant withdraws while the ministry's answer is awaited; the exchange withdraws
    the request (here played: the waiting task fails with `Decision.Withdrawn`, as
    `exchange.withdraw` does) and the execution ends in `Withdrawn`, nothing reported."""
    token, body = applied(local_aws)
    request = decision_request(local_aws)
    withdraw(local_aws, token, body["subsidyId"])
    told = taken(local_aws, "DecisionWithdrawalQueue", "the withdrawal")
    assert told["subject"] == request["subject"] == f"SUBSIDY#{body['subsidyId']}"
    aws.client("stepfunctions").send_task_failure(
        taskToken=request["taskToken"], error="Decision.Withdrawn", cause=told["reason"]
    )
    arn = execution("EKTIS_SUBSIDY_ARN", body["subsidyId"])
    ended_as(arn, "SUCCEEDED")
    assert states_entered(arn)[-1] == "Withdrawn"
    assert seen(local_aws, token, body["subsidyId"])["status"] == "withdrawn"


def test_a3_g4_an_escalation_that_finds_the_application_withdrawn_ends_the_workflow(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A3, G4: the deadline passed and the escalation step is under way when the applicant
    withdraws: the step fails its task with `Subsidy.Withdrawn` (not retried), the execution
    ends in `Withdrawn`; the ministry is not asked again, no escalation is recorded."""
    soon_once(monkeypatch, subsidy.PERIOD)
    token, body = applied(local_aws)
    decision_request(local_aws)  # asked; the deadline passes unanswered
    arn = execution("EKTIS_SUBSIDY_ARN", body["subsidyId"])
    wait_for(lambda: "Escalate" in states_entered(arn), what="the escalation step")
    withdraw(local_aws, token, body["subsidyId"])
    deliver(local_aws)  # the escalation's message finds it withdrawn
    ended_as(arn, "SUCCEEDED")
    entered = states_entered(arn)
    assert entered[-1] == "Withdrawn" and entered.count("AskAgency") == 1
    assert subsidy.escalations(body["subsidyId"]) == []
    assert seen(local_aws, token, body["subsidyId"])["status"] == "withdrawn"


def test_a3_a5_g3_a_correction_revises_the_ministrys_pending_request(local_aws: LocalAws) -> None:
    """A3, A5 (§7.1.1.6-7): a complaint corrects the declaration while the ministry decides; the
    application is relined and so is the request the ministry decides on (its payload as it now
    stands, revision 1, the ministry told with a `decision.revised` webhook); an answer given on
    the request as it was (revision 0) is refused naming `revision`, one on the revision passes."""
    token, body = applied(local_aws)
    decision_id = exchange.receive(decision_request(local_aws))
    assert decision_id is not None
    declaration_id = body["declarationId"]
    wheat = body["lines"][0]
    status, given, _ = corrected(
        local_aws,
        token,
        declaration_id,
        [{"field": "lines[0].quantity", "before": wheat["quantity"], "after": "2.5"}],
    )
    assert status == 200, given
    relined = seen(local_aws, token, body["subsidyId"])
    stored = exchange.decision_of("MKT", decision_id)
    assert stored["revision"] == 1
    assert stored["payload"]["lines"] == relined["lines"] != body["lines"]
    assert stored["payload"]["total"] == relined["total"]
    trail = audit.trail(f"DECISION#{decision_id}").items
    assert "decision-revised" in [e["action"] for e in trail]

    _, officer = account("officer", "MKT")
    path = f"/agencies/MKT/decisions/{decision_id}"
    stale = call(local_aws, "POST", path, token=officer, body={"outcome": "approve", "revision": 0})
    assert (stale.status, stale.body["errors"][0]["field"]) == (409, "revision"), stale.body
    assert exchange.decision_of("MKT", decision_id)["status"] == "pending"
    fresh = call(local_aws, "POST", path, token=officer, body={"outcome": "approve", "revision": 1})
    assert fresh.status == 200, fresh.body
