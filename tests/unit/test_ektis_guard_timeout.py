"""The subsidy guards' takeover rule counts on the functions that claim them ending within
FUNCTION_TIMEOUT_SECONDS (egov.ektis.guards; A3, A7): a guard of an application that never
came is free once that long has passed, so a function that claims guards may not run longer."""

from __future__ import annotations

from devstack.template import Template

TEMPLATE = Template()
# The handlers that claim guards: the application and the answer whose correction relines one.
CLAIMING = {"apply_subsidy.lambda_handler", "answer_complaint.lambda_handler"}


def test_a3_a7_the_functions_that_claim_guards_run_no_longer_than_the_takeover_waits() -> None:
    claiming = [
        fn
        for fn in TEMPLATE.functions.values()
        if fn.handler in CLAIMING and fn.code_dir.name == "ektis"
    ]
    assert len(claiming) == len(CLAIMING)
    for fn in claiming:
        assert fn.timeout == int(fn.environment["FUNCTION_TIMEOUT_SECONDS"]), fn.logical_id
    parameter = TEMPLATE.doc["Parameters"]["FunctionTimeoutSeconds"]
    assert TEMPLATE.globals_function["Timeout"] == {"Ref": "FunctionTimeoutSeconds"}
    assert int(parameter["Default"]) <= 29  # API Gateway gives up on a request after 29 s
