"""The audit trail is readable by its owner, the staff handling its subject and the operator,
and nothing can change it (G1, G8)."""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from devstack.template import Template
from egov.platform import audit, exchange
from tests.conftest import LocalAws
from tests.helpers import SETUP, account, call, log_in, person

# Item writes that change or remove an existing entry; PutItem (the only write the audit
# needs) is made append-only by its `attribute_not_exists` condition.
MUTATING = (
    "dynamodb:updateitem",
    "dynamodb:deleteitem",
    "dynamodb:batchwriteitem",
    "dynamodb:partiqlupdate",
    "dynamodb:partiqldelete",
    "dynamodb:deletetable",
)
# SAM policy templates that grant any of them on the table they name.
MUTATING_TEMPLATES = {"DynamoDBCrudPolicy", "DynamoDBWritePolicy"}


def _statements(policy: Any) -> list[dict[str, Any]]:
    document = policy.get("PolicyDocument", policy)
    statements = document.get("Statement", [])
    return statements if isinstance(statements, list) else [statements]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _reaches_audit(resource: Any) -> bool:
    text = json.dumps(resource)
    return "AuditTable" in text or text.strip('"') == "*"


def audit_mutators(doc: dict[str, Any]) -> list[str]:
    """Every resource of a template whose policies let it update or delete audit entries."""
    found = []
    for logical_id, resource in doc["Resources"].items():
        props = resource.get("Properties", {})
        policies = _as_list(props.get("Policies", []))
        if resource["Type"] in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"):
            policies = [props]
        for policy in policies:
            if isinstance(policy, str):  # a managed policy: only read-only ones may appear
                if ("DynamoDB" in policy and "ReadOnly" not in policy) or "Administrator" in policy:
                    found.append(logical_id)
                continue
            for name, args in policy.items():
                if name in MUTATING_TEMPLATES and _reaches_audit(args):
                    found.append(logical_id)
            for statement in _statements(policy):
                if statement.get("Effect") != "Allow":
                    continue
                actions = [a.lower() for a in _as_list(statement.get("Action", []))]
                mutates = any(fnmatch.fnmatch(m, a) for a in actions for m in MUTATING)
                if mutates and _reaches_audit(statement.get("Resource")):
                    found.append(logical_id)
        managed = _as_list(props.get("ManagedPolicyArns", []))
        if any("DynamoDB" in json.dumps(arn) for arn in managed):
            found.append(logical_id)
    return sorted(set(found))


def test_no_function_may_update_or_delete_audit_entries() -> None:
    """G1: the template grants no function, state machine or role UpdateItem/DeleteItem (or a
    write template, or a wildcard) on the audit table."""
    assert audit_mutators(Template().doc) == []


def test_the_policy_check_catches_every_way_of_granting_it() -> None:
    """The check above is not vacuous: each of these grants is caught."""
    audit = {"Fn::GetAtt": ["AuditTable", "Arn"]}
    grants = [
        {"DynamoDBCrudPolicy": {"TableName": {"Ref": "AuditTable"}}},
        {"DynamoDBWritePolicy": {"TableName": {"Ref": "AuditTable"}}},
        {"Statement": [{"Effect": "Allow", "Action": "dynamodb:UpdateItem", "Resource": audit}]},
        {"Statement": [{"Effect": "Allow", "Action": ["dynamodb:Delete*"], "Resource": audit}]},
        {"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]},
        "AmazonDynamoDBFullAccess",
    ]
    for grant in grants:
        doc = {
            "Resources": {
                "Bad": {"Type": "AWS::Serverless::Function", "Properties": {"Policies": [grant]}}
            }
        }
        assert audit_mutators(doc) == ["Bad"], grant
    role = {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "Policies": [
                {
                    "PolicyName": "p",
                    "PolicyDocument": {
                        "Statement": [
                            {"Effect": "Allow", "Action": "dynamodb:DeleteItem", "Resource": audit}
                        ]
                    },
                }
            ]
        },
    }
    assert audit_mutators({"Resources": {"Role": role}}) == ["Role"]


def test_no_route_edits_or_deletes_audit_entries() -> None:
    """G1: the audit routes are reads only."""
    routes = [r for fn in Template().functions.values() for r in fn.routes]
    audit_routes = [r for r in routes if r.path.startswith("/audit") or r.path == "/me/audit"]
    assert audit_routes and {r.method for r in audit_routes} == {"GET"}


def test_the_owner_sees_their_entries_and_nobody_elses(local_aws: LocalAws) -> None:
    """G1/G8: /me/audit holds the caller's entries only."""
    mine = person("zaur.officer")
    theirs = person("vusal.officer")
    status, page, _ = call(local_aws, "GET", "/me/audit", token=log_in(local_aws, "zaur.officer"))
    assert status == 200
    assert page["items"] and {e["owner"] for e in page["items"]} == {mine}
    assert theirs not in json.dumps(page)


def test_a_citizen_cannot_read_a_trail_and_the_attempt_is_audited(local_aws: LocalAws) -> None:
    """G8: another person's trail is refused with 403, on record; one's own is readable."""
    officer_id = person("ilqar.officer")
    person("nermin.citizen", role="citizen", agency=None)
    subject = f"USER%23{officer_id}"
    citizen = log_in(local_aws, "nermin.citizen")
    status, _, _ = call(local_aws, "GET", f"/audit/{subject}", token=citizen)
    assert status == 403
    _, own, _ = call(local_aws, "GET", "/me/audit", token=citizen)
    assert "access-refused" in [e["action"] for e in own["items"]]

    status, trail, _ = call(
        local_aws, "GET", f"/audit/{subject}", token=log_in(local_aws, "ilqar.officer")
    )
    assert status == 200
    assert [e["action"] for e in trail["items"]] == ["account-created"]
    assert trail["items"][0]["subject"] == f"USER#{officer_id}"


def test_a_malformed_subject_is_a_422_naming_it(local_aws: LocalAws) -> None:
    """G7: the subject must look like `KIND#key`."""
    person("orxan.officer")
    status, body, _ = call(
        local_aws, "GET", "/audit/nonsense", token=log_in(local_aws, "orxan.officer")
    )
    assert status == 422 and body["errors"][0]["field"] == "subject"


def _read(local_aws: LocalAws, token: str, subject: str) -> int:
    encoded = subject.replace("#", "%23")
    status, _, _ = call(local_aws, "GET", f"/audit/{encoded}", token=token)
    return status


def test_who_reads_which_trail(local_aws: LocalAws) -> None:
    """Issue 10 item 3 (G8): any officer used to read any citizen's trail (mobile, e-mail,
    failed logins with source addresses). Now the owner reads their own subjects, staff the
    subjects their agency handles (a producer: the ministry and ASAN; a decision: the agency
    asked), the operator every subject; everyone else gets 403."""
    citizen, citizen_token = account("citizen")
    other, _ = account("citizen")
    for owner in (citizen, other):
        audit.append(f"USER#{owner}", "login-failed", SETUP, owner=owner, after={"sourceIp": "x"})
        audit.append(f"PRODUCER#{owner}", "producer-registered", SETUP, owner=owner)
    audit.append("DECISION#dec_1", "decision-requested", SETUP)
    exchange.PLATFORM.put_new(
        {"pk": "DECISION#dec_1", "sk": "DECISION", "decisionId": "dec_1", "agency": "XKX"}
    )
    tokens = {
        name: account(role, agency)[1]
        for name, role, agency in (
            ("mkt", "officer", "MKT"),
            ("asan", "officer", "ASAN"),
            ("din", "officer", "DIN"),
            ("xkx", "agency", "XKX"),
            ("eimza", "center", "EIMZA"),
            ("operator", "operator", None),
        )
    }
    tokens["citizen"] = citizen_token
    expected = {
        f"USER#{citizen}": {"citizen", "operator"},
        f"USER#{other}": {"operator"},
        f"PRODUCER#{citizen}": {"citizen", "mkt", "asan", "operator"},
        f"PRODUCER#{other}": {"mkt", "asan", "operator"},
        "DECISION#dec_1": {"xkx", "operator"},
        f"ACCESS#{other}": {"operator"},
    }
    got = {
        subject: {name for name, token in tokens.items() if _read(local_aws, token, subject) == 200}
        for subject in expected
    }
    assert got == expected
