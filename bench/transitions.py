"""State transitions per workflow, counted from moto's execution history of real runs (issue 18 §4).

Runs the workflow tests that drive each path end to end (the real ASL in moto, the real
consumers) and, when each test's body has finished, reads the history of every execution it
started. Step Functions Standard bills every state entered and every retry of a task; the cost
per million applications is at $0.025 per 1,000 transitions. Prints a table; never fails on a
number (a failing test is reported, its count left out).
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

ROOT = Path(__file__).resolve().parents[1]
PRICE_PER_TRANSITION = 0.025 / 1000
WORKFLOWS = "tests/workflow/"
# path name -> the test that walks it
PATHS = {
    "e-sign: submission to issuance (happy path)": "test_esign_review.py::"
    "test_e6_e7_all_four_positive_gives_a_virtual_fin",
    "e-sign: centre, embassy, issuance (happy path)": "test_esign_issuance.py::"
    "test_e8_e9_e10_center_approves_embassy_invites_checks_and_the_certificate_is_issued",
    "certificate: expiry at the end of its life": "test_certificates.py::"
    "test_expiry_runs_the_real_workflow",
    "producer verification: approved": "test_producer_verification.py::"
    "test_approval_lists_the_producer_and_tells_them",
    "producer verification: one missed deadline, then approved": "test_producer_verification.py::"
    "test_deadline_alerts_the_operator_and_keeps_waiting",
    "producer verification: escalation failing until the cap": "test_producer_verification.py::"
    "test_a_failing_escalation_is_retried_with_backoff_then_reported",
    "renewal: business, power of attorney, new certificate": "test_renewal.py::"
    "test_business_renewal_with_power_of_attorney_ends_with_the_new_certificate",
    "renewal: head silent 30 days, cancelled": "test_renewal.py::"
    "test_head_silent_for_30_days_cancels",
    "renewal: never activated at the operator, cancelled": "test_renewal.py::"
    "test_never_activated_at_the_operator_cancels_30_days_after_expiry",
    "EKTİS subsidy: granted": "test_ektis_subsidy.py::"
    "test_a4_granted_through_the_exchange_with_the_computation_sent",
    "EKTİS subsidy: one missed deadline, then granted": "test_ektis_subsidy.py::"
    "test_g4_a_missed_deadline_escalates_and_the_request_stays_open",
    "EKTİS complaint: unanswered, escalated by its timer": "test_ektis_subsidy.py::"
    "test_a5_g4_the_complaint_timer_escalates_an_unanswered_complaint",
}


def transitions(events: list[dict[str, Any]]) -> int:
    """States entered, plus every task attempt after the first of its state entry (retries)."""
    kinds = Counter(event["type"] for event in events)
    entered = sum(n for kind, n in kinds.items() if kind.endswith("StateEntered"))
    attempts = kinds["TaskScheduled"] + kinds["LambdaFunctionScheduled"]
    task_entries = kinds["TaskStateEntered"]
    return entered + max(0, attempts - task_entries)


def histories() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    sfn = boto3.client("stepfunctions")
    for machine in sfn.list_state_machines()["stateMachines"]:
        for execution in sfn.list_executions(stateMachineArn=machine["stateMachineArn"])[
            "executions"
        ]:
            history = sfn.get_execution_history(executionArn=execution["executionArn"])
            yield machine["name"], [dict(event) for event in history["events"]]


class Recorder:
    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.outcomes: dict[str, str] = {}

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        # After the body, before the fixtures' teardown: moto still holds the executions.
        try:
            return (yield)
        finally:
            counts: Counter[str] = Counter()
            for machine, events in histories():
                counts[machine] += transitions(events)
            self.counts[item.nodeid] = counts

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.outcomes[report.nodeid] = report.outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="paths whose name contains this")
    args = parser.parse_args()
    paths = {name: test for name, test in PATHS.items() if args.only in name}
    recorder = Recorder()
    ids = [WORKFLOWS + test for test in paths.values()]
    pytest.main(
        ["-p", "no:xdist", "-p", "no:cacheprovider", "-q", "--no-header", *ids], plugins=[recorder]
    )
    print(f"{'path':58} {'transitions':>11} {'$ per million':>14}  state machines")
    for name, test in paths.items():
        nodeid = WORKFLOWS + test
        if recorder.outcomes.get(nodeid) != "passed":
            print(f"{name:58} {'(test ' + recorder.outcomes.get(nodeid, 'not run') + ')':>11}")
            continue
        counts = recorder.counts[nodeid]
        total = sum(counts.values())
        machines = ", ".join(f"{machine}: {n}" for machine, n in counts.items())
        print(f"{name:58} {total:11d} {total * PRICE_PER_TRANSITION * 1e6:14,.0f}  {machines}")


if __name__ == "__main__":
    main()
