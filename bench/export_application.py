"""AWS calls and state transitions per export application (X4, X5; issue 14).

Runs the workflow tests that take one export application end to end (the real ASL in moto, the
real handlers and consumers, the agencies answering through the platform's callback) and
counts, per application:

- the AWS API calls the platform's functions make (botocore calls made while a function of the
  template runs, by function and operation). The test's own reads (its polling of the status
  page and of the agencies' task lists) are not the platform's work and are left out; so are
  the queue polls of Lambda's event source mappings (the pump), which AWS does not bill to us;
- the Step Functions state transitions of its execution (moto's history, counted as
  bench/transitions.py does).

Prints a table; never fails on a number.
"""

from __future__ import annotations

import argparse
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import transitions as sfn_bench  # bench/transitions.py, beside this file
from botocore.client import BaseClient

from devstack.runtime import Functions

TEST = "tests/workflow/test_export_application.py::"
PATHS = {
    "3 permits, 1 refused (X4)": TEST
    + "test_x4_three_permits_asked_at_once_one_refused_the_others_kept",
    "3 permits granted, declared, released": TEST
    + "test_x4_x5_all_granted_then_declared_with_every_permit_and_released",
    "2 permits, both agencies silent": TEST
    + "test_x4_silence_deemed_issued_or_no_permit_as_the_rules_say",
}
POLLING = {"ExportApplicationFunction"}  # the test reading the status page while it waits

_running = threading.local()


class Recorder:
    def __init__(self) -> None:
        self.calls: Counter[tuple[str, str]] = Counter()
        self.by_test: dict[str, Counter[tuple[str, str]]] = {}
        self.transitions: dict[str, int] = {}
        self.outcomes: dict[str, str] = {}
        self.lock = threading.Lock()

    def install(self) -> None:
        invoke = Functions.invoke
        make_api_call = BaseClient._make_api_call  # type: ignore[attr-defined]
        recorder = self

        def counted_invoke(self: Functions, logical_id: str, event: dict[str, Any]) -> Any:
            outer = getattr(_running, "function", None)
            _running.function = logical_id
            try:
                return invoke(self, logical_id, event)
            finally:
                _running.function = outer

        def counted_call(self: BaseClient, operation: str, params: dict[str, Any]) -> Any:
            function = getattr(_running, "function", None)
            if function and function not in POLLING:
                with recorder.lock:
                    recorder.calls[(function, operation)] += 1
            return make_api_call(self, operation, params)

        Functions.invoke = counted_invoke  # type: ignore[method-assign]
        BaseClient._make_api_call = counted_call  # type: ignore[attr-defined]

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        self.calls = Counter()
        try:
            return (yield)
        finally:
            self.by_test[item.nodeid] = Counter(self.calls)
            self.transitions[item.nodeid] = sum(
                sfn_bench.transitions(events)
                for machine, events in sfn_bench.histories()
                if "ExportApplication" in machine
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.outcomes[report.nodeid] = report.outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="applications whose name contains this")
    args = parser.parse_args()
    paths = {name: nodeid for name, nodeid in PATHS.items() if args.only in name}
    recorder = Recorder()
    recorder.install()
    pytest.main(
        ["-p", "no:xdist", "-p", "no:cacheprovider", "-q", "--no-header", *paths.values()],
        plugins=[recorder],
    )
    print(f"{'one export application':40} {'AWS calls':>9} {'transitions':>11}")
    for name, nodeid in paths.items():
        if recorder.outcomes.get(nodeid) != "passed":
            print(f"{name:40} (test {recorder.outcomes.get(nodeid, 'not run')})")
            continue
        calls = recorder.by_test[nodeid]
        print(f"{name:40} {sum(calls.values()):9d} {recorder.transitions[nodeid]:11d}")
        functions: Counter[str] = Counter()
        for (function, _), n in calls.items():
            functions[function] += n
        for function, n in functions.most_common():
            operations = ", ".join(
                f"{op} {k}" for (f, op), k in sorted(calls.items()) if f == function
            )
            print(f"{'':4}{function:36} {n:9d}  {operations}")


if __name__ == "__main__":
    main()
