"""DESIGN rule 3: every grant in the template names its resources. A statement on `*` or on
every resource of a kind (`...:stateMachine:*`) would let a function reach what it never uses,
e.g. answer the task tokens of any workflow in the account. The one exception: actions AWS
defines without resources, which only `*` can grant (Step Functions' log delivery).

A grant many functions share is one managed policy (issue 11 item 3): the audit append, the
platform table, answering the waiting workflows, the outbox's targets. Its list is written once,
so a new workflow is one edit, not one per function."""

from __future__ import annotations

import json
from typing import Any

from devstack.template import Template

# https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html: "Resource": "*".
WITHOUT_RESOURCES = {
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
}


def statements(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """The IAM statements a resource writes itself: a function's inline `Policies` or a
    managed policy's document (references to managed policies and SAM templates excluded)."""
    props = resource.get("Properties", {})
    if resource.get("Type") == "AWS::IAM::ManagedPolicy":
        return list(props["PolicyDocument"]["Statement"])
    return [
        statement
        for policy in props.get("Policies") or []
        if isinstance(policy, dict)
        for statement in policy.get("Statement", [])
    ]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def unscoped_grants(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    found = []
    for logical_id, resource in doc["Resources"].items():
        for statement in statements(resource):
            actions = _as_list(statement.get("Action", []))
            if set(actions) <= WITHOUT_RESOURCES:
                continue
            for target in _as_list(statement.get("Resource", [])):
                text = json.dumps(target).strip('"}')
                if text == "*" or text.endswith(":*"):
                    found.append((logical_id, statement.get("Action")))
    return found


def test_no_function_is_granted_all_resources_of_a_kind() -> None:
    assert unscoped_grants(Template().doc) == []


def test_the_check_catches_a_wildcard_and_a_whole_kind() -> None:
    arn = "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"
    for resource in ("*", {"Fn::Sub": arn}, ["x", "*"]):
        statement = {"Effect": "Allow", "Action": "states:SendTaskSuccess", "Resource": resource}
        doc = {"Resources": {"Bad": {"Properties": {"Policies": [{"Statement": [statement]}]}}}}
        assert unscoped_grants(doc) == [("Bad", "states:SendTaskSuccess")], resource


def test_only_actions_without_resources_may_name_every_resource() -> None:
    statement = {"Effect": "Allow", "Action": ["logs:CreateLogDelivery"], "Resource": "*"}
    doc = {"Resources": {"Ok": {"Properties": {"Policies": [{"Statement": [statement]}]}}}}
    assert unscoped_grants(doc) == []
    statement["Action"] = ["logs:CreateLogDelivery", "logs:PutLogEvents"]
    assert unscoped_grants(doc) == [("Ok", statement["Action"])]


def test_the_check_reads_managed_policies_too() -> None:
    statement = {"Effect": "Allow", "Action": "states:SendTaskSuccess", "Resource": "*"}
    policy = {
        "Type": "AWS::IAM::ManagedPolicy",
        "Properties": {"PolicyDocument": {"Statement": [statement]}},
    }
    assert unscoped_grants({"Resources": {"Bad": policy}}) == [("Bad", "states:SendTaskSuccess")]


# ---------------------------------------------------------------- one list per concern
def _functions(template: Template) -> dict[str, dict[str, Any]]:
    return template.of_type("AWS::Serverless::Function")


def _grants(statement: dict[str, Any], action: str, target: str) -> bool:
    actions = {a.lower() for a in _as_list(statement.get("Action", []))}
    return action.lower() in actions and target in json.dumps(statement.get("Resource"))


def test_the_audit_append_is_granted_only_by_its_managed_policy() -> None:
    """G1, DESIGN rule 3: no function carries its own copy of the audit append; every function
    that writes audit entries references AuditAppendPolicy."""
    template = Template()
    inline = [
        name
        for name, fn in _functions(template).items()
        for statement in statements(fn)
        if _grants(statement, "dynamodb:PutItem", "AuditTable")
    ]
    assert inline == []
    (policy,) = statements(template.resources["AuditAppendPolicy"])
    assert set(policy["Action"]) == {"dynamodb:GetItem", "dynamodb:PutItem"}
    assert policy["Resource"] == {"Fn::GetAtt": ["AuditTable", "Arn"]}
    users = [
        name
        for name, fn in _functions(template).items()
        if {"Ref": "AuditAppendPolicy"} in fn["Properties"].get("Policies", [])
    ]
    assert len(users) > 50


def test_only_the_waiting_workflows_policy_answers_the_platforms_waits() -> None:
    """G3: the workflows that wait on a task token are listed once, in
    AnswerWaitingWorkflowsPolicy, exactly those whose definition waits; a function grants
    itself an answer only on its own service's workflow."""
    template = Template()
    machines = template.of_type("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine")
    waiting = {
        name
        for name, machine in machines.items()
        if ".waitForTaskToken" in json.dumps(template.state_machine_definition(name))
    }
    (answer,) = statements(template.resources["AnswerWaitingWorkflowsPolicy"])
    assert set(answer["Action"]) == {"states:SendTaskSuccess", "states:SendTaskFailure"}
    assert {ref["Ref"] for ref in answer["Resource"]} == waiting
    for name, fn in _functions(template).items():
        for statement in statements(fn):
            if any(str(a).startswith("states:SendTask") for a in _as_list(statement["Action"])):
                targets = _as_list(statement["Resource"])
                assert len(targets) == 1, (name, "lists workflows: use the managed policy")
                service = fn["Properties"]["CodeUri"].rstrip("/").rsplit("/", 1)[-1]
                assert targets[0]["Ref"].lower().startswith(service.rstrip("s")), name


def test_the_outbox_sweeper_needs_no_variable_per_target() -> None:
    """DESIGN rule 7: an effect carries its resolved target, so the sweeper's environment names
    no queue or workflow and its grants are OutboxEffectsPolicy's one list."""
    template = Template()
    sweeper = template.resources["OutboxSweepFunction"]["Properties"]
    assert "Environment" not in sweeper
    assert {"Ref": "OutboxEffectsPolicy"} in sweeper["Policies"]
    assert all(isinstance(p, dict) and "Ref" in p for p in sweeper["Policies"])
