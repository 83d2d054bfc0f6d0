"""Logs expire: every function and every state machine writes to a log group with a retention,
and state machines log without execution data (issue 9; personal data stays out of logs)."""

from __future__ import annotations

from typing import Any

from devstack.template import Template

TEMPLATE = Template()


def _log_group(reference: dict[str, Any]) -> dict[str, Any]:
    """The LogGroup resource a `!Ref` or `!GetAtt ....Arn` names."""
    target = reference.get("Ref") or reference["Fn::GetAtt"]
    logical_id = target.split(".")[0] if isinstance(target, str) else target[0]
    resource = TEMPLATE.resources[logical_id]
    assert resource["Type"] == "AWS::Logs::LogGroup", logical_id
    return resource


def test_every_function_logs_into_a_group_with_a_retention() -> None:
    functions = TEMPLATE.of_type("AWS::Serverless::Function")
    assert len(functions) > 80
    for logical_id, resource in functions.items():
        logging = resource["Properties"].get(
            "LoggingConfig", TEMPLATE.globals_function.get("LoggingConfig")
        )
        assert logging and "LogGroup" in logging, logical_id
        retention = _log_group(logging["LogGroup"])["Properties"]["RetentionInDays"]
        assert TEMPLATE.resolve(retention) == TEMPLATE.parameters["LogRetentionDays"], logical_id


def test_every_state_machine_logs_errors_without_execution_data_into_its_own_group() -> None:
    machines = TEMPLATE.of_type("AWS::Serverless::StateMachine")
    groups = set()
    for logical_id, resource in machines.items():
        logging = resource["Properties"]["Logging"]
        assert logging["IncludeExecutionData"] is False, logical_id
        ((destination,),) = [logging["Destinations"]]
        reference = destination["CloudWatchLogsLogGroup"]["LogGroupArn"]
        assert _log_group(reference)["Properties"]["RetentionInDays"], logical_id
        groups.add(str(reference))
    assert len(groups) == len(machines) >= 3


def test_the_retention_is_one_cloudwatch_accepts() -> None:
    spec = TEMPLATE.doc["Parameters"]["LogRetentionDays"]
    assert spec["Default"] in spec["AllowedValues"]
    assert 30 <= spec["Default"] <= 400
