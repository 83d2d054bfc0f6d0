"""A restart of the local stack in the middle of workflows (issue 9: "a restart loses
everything").

`restart` does in this process what stopping and starting `make run` does: the state is saved
(infra/devstack/state.py), moto is emptied (the running executions end with it, as they do with
the process), the template is provisioned again and the snapshot restored, which starts the
running executions again from their input. The workflows then go on to their ends.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.core.base_backend import BackendDict

from devstack import state
from devstack.provision import provision
from egov.platform import audit, clock, exchange, webhooks
from egov.producers.records import PRODUCERS, PROFILE, producer_pk
from tests.conftest import LocalAws, forget_cold_start_state
from tests.helpers import decision, serve_agency, wait_for
from tests.workflow.test_esign_issuance import center_task, decide
from tests.workflow.test_esign_review import (
    AGENCIES,
    account,
    answer,
    decisions_about,
    file_application,
    pending_requests,
    stored,
)
from tests.workflow.test_producer_verification import registered, start

CENTER = "EIMZA"
MINISTRY = "MKT"


@pytest.fixture(autouse=True)
def endpoints(local_aws: LocalAws) -> Iterator[None]:
    """The agencies, the Center and the ministry acknowledge webhooks; they answer later."""
    with serve_agency() as (_, url):
        for agency in (*AGENCIES, CENTER, MINISTRY):
            webhooks.register(
                agency,
                webhooks.Registration(url=f"{url}/{agency}", scheme="v1a"),
                audit.Actor.system("tests"),
            )
        yield


def running() -> list[str]:
    sfn = boto3.client("stepfunctions")
    return [
        e["executionArn"]
        for m in sfn.list_state_machines()["stateMachines"]
        for e in sfn.list_executions(stateMachineArn=m["stateMachineArn"], statusFilter="RUNNING")[
            "executions"
        ]
    ]


def restart(local_aws: LocalAws, directory: Path) -> list[str]:
    """Stop and start the back end, keeping the state; the executions started again."""
    scale = float(os.environ.get("EGOV_CLOCK_SCALE", "1"))
    state.save(directory, state.Clock(clock.now().timestamp(), scale))
    sfn = boto3.client("stepfunctions")
    for arn in running():
        sfn.stop_execution(executionArn=arn)  # the process that ran them is gone
    BackendDict.reset()
    forget_cold_start_state()
    provision(local_aws.template)
    restarted = state.restore(directory)
    assert restarted is not None
    return restarted


def execution_status(machine_env: str, name: str) -> str:
    arn = os.environ[machine_env].replace(":stateMachine:", ":execution:") + f":{name}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


def test_a_restart_mid_workflow_keeps_the_data_and_the_workflows_go_on_to_their_end(
    local_aws: LocalAws, tmp_path: Path
) -> None:
    """Issue 9 (G3, E6, E8, P5): an e-sign application waits on four agencies, two of which
    answered, and a potential producer waits on the ministry; after a restart both are still
    there, the agencies answer the same decisions (none asked twice), and both workflows end."""
    tokens = {agency: account("agency", agency)[1] for agency in (*AGENCIES, MINISTRY)}
    tokens[CENTER] = account("center", CENTER)[1]
    filed = file_application(local_aws)
    application_id = filed["applicationId"]
    asked = wait_for(
        lambda: (d := pending_requests(application_id)) and len(d) == 4 and d,
        pump=local_aws.pump,
    )
    for agency in ("DIN", "XIN"):
        assert answer(local_aws, tokens[agency], agency, asked[agency], "approve")[0] == 200
    producer_id = "prd-restart-1"
    registered(producer_id)
    start(producer_id)
    ministry = wait_for(
        lambda: [d for d in exchange.decisions(MINISTRY, "pending").items],
        pump=local_aws.pump,
    )
    assert [d.subject for d in ministry] == [producer_pk(producer_id)]
    before = {a: decision(d)["taskToken"] for a, d in asked.items()}

    restarted = restart(local_aws, tmp_path / "state")

    assert len(restarted) == 2
    assert PRODUCERS.get(producer_pk(producer_id), PROFILE) is not None
    assert stored(application_id)["status"] == "registered"
    # The restarted review asks again: the answered decisions hand over their answers, the
    # pending ones wait on the new tasks; the agencies keep their decision ids.
    wait_for(
        lambda: all(decision(asked[a])["taskToken"] != before[a] for a in ("DTX", "XKX")),
        what="the pending decisions asked again",
        pump=local_aws.pump,
    )
    for agency in ("DTX", "XKX"):
        assert answer(local_aws, tokens[agency], agency, asked[agency], "approve")[0] == 200
    task = center_task(local_aws, CENTER, tokens[CENTER], application_id)
    reviews = decisions_about(application_id, "esign-review")
    assert sorted(d["decisionId"] for d in reviews) == sorted(asked.values())
    assert {d["status"] for d in reviews} == {"answered"}
    assert stored(application_id)["status"] == "virtual-fin-issued"

    status, _ = decide(local_aws, CENTER, tokens[CENTER], task["decisionId"], "reject", "Yox")
    assert status == 200
    wait_for(
        lambda: execution_status("ESIGN_REVIEW_STATE_MACHINE", application_id) == "SUCCEEDED",
        what="the review workflow's end",
        pump=local_aws.pump,
    )
    assert stored(application_id)["status"] == "center-refused"
    assert len(decisions_about(application_id, "esign-center-decision")) == 1

    (pending,) = exchange.decisions(MINISTRY, "pending").items
    assert pending.decision_id == ministry[0].decision_id
    status, _ = answer(local_aws, tokens[MINISTRY], MINISTRY, pending.decision_id, "approve")
    assert status == 200
    wait_for(
        lambda: (
            (PRODUCERS.get(producer_pk(producer_id), PROFILE) or {}).get("status") == "approved"
        ),
        what="the producer approved",
        pump=local_aws.pump,
    )
    assert execution_status("PRODUCER_VERIFICATION_ARN", producer_id) == "SUCCEEDED"
