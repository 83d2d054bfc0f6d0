"""DESIGN rule 3: every grant in the template names its resources. A statement on `*` or on
every resource of a kind (`...:stateMachine:*`) would let a function reach what it never uses,
e.g. answer the task tokens of any workflow in the account. The one exception: actions AWS
defines without resources, which only `*` can grant (Step Functions' log delivery)."""

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


def unscoped_grants(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    found = []
    for logical_id, resource in doc["Resources"].items():
        for policy in resource.get("Properties", {}).get("Policies") or []:
            if not isinstance(policy, dict):
                continue
            for statement in policy.get("Statement", []):
                actions = statement.get("Action", [])
                if set(actions if isinstance(actions, list) else [actions]) <= WITHOUT_RESOURCES:
                    continue
                resources = statement.get("Resource", [])
                for target in resources if isinstance(resources, list) else [resources]:
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
