"""The free-sale certificate's workflow (X7; seed 001 part 2, §10.3.5) with the real ASL in moto.

"İqtisadi İslahatların Təhlili və Kommunikasiya Mərkəzi tərəfindən sərbəst satış sertifikatının
verilməsi və ya verilməsindən imtina edilməsi barədə 1 (bir) iş günü müddətində qərar qəbul
olunur" (§10.3.5.3): the operator's decision is awaited until the end of the next business day,
then escalated. The New Year edge is driven with the platform clock: scaled to a day per real
second and jumped to Wednesday 2026-12-30 noon, so the wait to Tuesday 2027-01-05 passes in
seconds while the deadline is still computed by the Baku business-day calendar; the people then
act at real speed. The pump delivers FreeSaleQueue to its consumer, as Lambda would.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from egov.export import free_sale
from egov.platform import audit, aws, clock
from tests.conftest import LocalAws
from tests.functional.export.test_export_free_sale import (
    NEW_YEAR_DUE,
    NEW_YEAR_EDGE,
    application,
    apply,
    decide,
    goods,
    people,
    sign,
    verify,
)
from tests.helpers import jump_clock, scale_clock, wait_for


def execution(application_id: str) -> dict[str, Any]:
    machine = aws.resource_name(free_sale.STATE_MACHINE)
    arn = f"{machine.replace(':stateMachine:', ':execution:')}:{application_id}"
    return dict(boto3.client("stepfunctions").describe_execution(executionArn=arn))


def waiting_for(application_id: str, step: str) -> bool:
    return free_sale.EXPORT.get(*free_sale.key(application_id)).get("waitingFor") == step  # type: ignore[union-attr]


def finished(local_aws: LocalAws, application_id: str) -> str:
    return str(
        wait_for(
            lambda: (s := execution(application_id)["status"]) != "RUNNING" and s,
            what="the workflow to end",
            pump=local_aws.pump,
        )
    )


def test_x7_new_year_edge_is_escalated_after_tuesday_2027_01_05_then_issued(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    who = people()
    owner, exporter = who["exporter"]
    body = application(owner, goods())
    scale_clock(monkeypatch, 1.0)
    jump_clock(monkeypatch, NEW_YEAR_EDGE)
    status, filed = apply(local_aws, exporter, body)
    assert status == 201, filed
    app_id = filed["applicationId"]
    assert clock.parse(filed["decisionDeadline"]) == NEW_YEAR_DUE

    escalated = wait_for(
        lambda: free_sale.escalations(app_id), what="the escalation", pump=local_aws.pump
    )
    scale_clock(monkeypatch, 86400)  # the people act at real speed
    first = escalated[0]
    assert first["step"] == "decision"
    assert first["missedDeadline"] == filed["decisionDeadline"]
    # Not before the end of Tuesday: 31 Dec, 1-2 Jan, the weekend and Monday 4 Jan are days off.
    assert clock.parse(first["escalatedAt"]) > NEW_YEAR_DUE
    actions = [e["action"] for e in audit.trail(free_sale.subject(app_id)).items]
    assert "free-sale-decision-overdue" in actions

    # Late, the decision is still awaited and taken; the director signs; the workflow ends.
    wait_for(lambda: waiting_for(app_id, "decision"), pump=local_aws.pump)
    status, decided = decide(local_aws, who["operator"][1], app_id, outcome="issue")
    assert status == 200, decided
    assert decided["decision"]["onTime"] is False
    assert decided["escalatedAt"]
    wait_for(lambda: waiting_for(app_id, "signature"), pump=local_aws.pump)
    status, issued = sign(local_aws, who["director"][1], app_id)
    assert status == 200, issued
    assert finished(local_aws, app_id) == "SUCCEEDED"
    assert verify(local_aws, issued["certificate"]["number"])[1]["valid"] is True


def test_x7_decided_and_signed_in_time_is_never_escalated(local_aws: LocalAws) -> None:
    who = people()
    owner, exporter = who["exporter"]
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    wait_for(lambda: waiting_for(app_id, "decision"), pump=local_aws.pump)
    assert decide(local_aws, who["operator"][1], app_id, outcome="issue")[0] == 200
    wait_for(lambda: waiting_for(app_id, "signature"), pump=local_aws.pump)
    assert sign(local_aws, who["director"][1], app_id)[0] == 200
    assert finished(local_aws, app_id) == "SUCCEEDED"
    assert free_sale.escalations(app_id) == []


def test_x7_a_decision_before_the_workflow_parks_its_token_still_ends_it(
    local_aws: LocalAws,
) -> None:
    """Whichever comes second answers: the operator decides before the consumer has parked the
    workflow's token (nothing pumped yet); the parking finds the decision and answers at once."""
    who = people()
    owner, exporter = who["exporter"]
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    assert decide(local_aws, who["operator"][1], app_id, outcome="issue")[0] == 200
    assert sign(local_aws, who["director"][1], app_id)[0] == 200
    assert finished(local_aws, app_id) == "SUCCEEDED"


def test_x7_a_refusal_ends_the_workflow(local_aws: LocalAws) -> None:
    who = people()
    owner, exporter = who["exporter"]
    app_id = apply(local_aws, exporter, application(owner, goods()))[1]["applicationId"]
    wait_for(lambda: waiting_for(app_id, "decision"), pump=local_aws.pump)
    refusal = {"outcome": "refuse", "reason": "Mal sərbəst dövriyyədə deyil"}
    assert decide(local_aws, who["operator"][1], app_id, **refusal)[0] == 200
    assert finished(local_aws, app_id) == "SUCCEEDED"
    history = boto3.client("stepfunctions").get_execution_history(
        executionArn=execution(app_id)["executionArn"]
    )["events"]
    entered = [
        e["stateEnteredEventDetails"]["name"] for e in history if "stateEnteredEventDetails" in e
    ]
    assert "Refused" in entered and "AwaitSignature" not in entered
