"""Put a provisioned stack back to the state provisioning left: the data goes, the resources stay.

Provisioning the whole template into moto takes seconds (state machines, tables, parameters);
emptying what a test wrote takes milliseconds. So the tests provision once per worker and call
`reset` between tests: tables, buckets and queues emptied, running workflows stopped and their
history forgotten, parameters and secrets given back their provisioned values, and whatever a
test created beside the template (an agency's webhook secret) deleted.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass
from typing import Any

import boto3

from devstack.template import ACCOUNT, REGION, Template

STARTING_CEILING = 300.0


@functools.cache
def _aws(service: str) -> Any:
    """Made once: a client costs more to make than the calls a reset makes with it."""
    return boto3.client(service)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Baseline:
    """The values of the stores a test may change in place, as provisioning left them."""

    parameters: dict[str, str]
    secrets: dict[str, str]


def baseline() -> Baseline:
    ssm, secrets = _aws("ssm"), _aws("secretsmanager")
    parameters = {
        p["Name"]: ssm.get_parameter(Name=p["Name"])["Parameter"]["Value"]
        for page in ssm.get_paginator("describe_parameters").paginate()
        for p in page["Parameters"]
    }
    values = {
        s["Name"]: secrets.get_secret_value(SecretId=s["Name"])["SecretString"]
        for page in secrets.get_paginator("list_secrets").paginate()
        for s in page["SecretList"]
    }
    return Baseline(parameters, values)


def reset(template: Template, provisioned: Baseline) -> None:
    """Every step is tried, so that one failing leaves no data behind for the next test; the
    first failure is raised at the end."""
    failures: list[Exception] = []
    for step in (
        lambda: _stop_workflows(template),
        lambda: _empty_tables(template),
        lambda: _empty_buckets(template),
        lambda: _empty_queues(template),
        lambda: _restore_parameters(provisioned.parameters),
        lambda: _restore_secrets(provisioned.secrets),
    ):
        try:
            step()
        except Exception as failure:
            failures.append(failure)
    if failures:
        raise failures[0]


def _stop_workflows(template: Template) -> None:
    """Running executions are stopped, so no leftover Wait of one test acts in the next, and
    every execution is forgotten: a test lists the executions it started."""
    # moto has no API to delete an execution; its backend holds them per state machine.
    from moto.stepfunctions.responses import get_backend

    sfn = _aws("stepfunctions")
    for machine in get_backend(ACCOUNT, REGION).state_machines:
        for execution in machine.executions:
            if execution.status == "RUNNING":
                _until_evaluating(execution)
                sfn.stop_execution(executionArn=execution.execution_arn, error="TestReset")
        machine.executions.clear()


def _until_evaluating(execution: Any) -> None:
    """A just-started execution's thread has not built its environment yet, and moto can stop
    it only once it has: wait for that (a moment; the ceiling is for a broken run)."""
    deadline = time.monotonic() + STARTING_CEILING
    while getattr(execution.exec_worker, "env", None) is None:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{execution.execution_arn} never started evaluating")
        time.sleep(0.01)


def _empty_tables(template: Template) -> None:
    ddb = _aws("dynamodb")
    for logical_id, resource in template.of_type("AWS::DynamoDB::Table").items():
        name = template.physical_name(logical_id)
        keys = [k["AttributeName"] for k in resource["Properties"]["KeySchema"]]
        names = {f"#k{i}": key for i, key in enumerate(keys)}
        for page in ddb.get_paginator("scan").paginate(
            TableName=name, ProjectionExpression=", ".join(names), ExpressionAttributeNames=names
        ):
            items = page["Items"]
            for start in range(0, len(items), 25):
                ddb.batch_write_item(
                    RequestItems={
                        name: [
                            {"DeleteRequest": {"Key": item}} for item in items[start : start + 25]
                        ]
                    }
                )


def _empty_buckets(template: Template) -> None:
    s3 = _aws("s3")
    for logical_id in template.of_type("AWS::S3::Bucket"):
        name = template.physical_name(logical_id)
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            versions = page.get("Versions", []) + page.get("DeleteMarkers", [])
            if versions:
                s3.delete_objects(
                    Bucket=name,
                    Delete={
                        "Objects": [
                            {"Key": v["Key"], "VersionId": v["VersionId"]} for v in versions
                        ],
                        "Quiet": True,
                    },
                )


def _empty_queues(template: Template) -> None:
    sqs = _aws("sqs")
    for logical_id in template.of_type("AWS::SQS::Queue"):
        sqs.purge_queue(QueueUrl=template.ref(logical_id))


def _restore_parameters(provisioned: dict[str, str]) -> None:
    ssm = _aws("ssm")
    names = [
        p["Name"]
        for page in ssm.get_paginator("describe_parameters").paginate()
        for p in page["Parameters"]
    ]
    if extra := [n for n in names if n not in provisioned]:
        ssm.delete_parameters(Names=extra)
    kept = [n for n in names if n in provisioned]
    for start in range(0, len(kept), 10):
        for parameter in ssm.get_parameters(Names=kept[start : start + 10])["Parameters"]:
            name = parameter["Name"]
            if parameter["Value"] != provisioned[name]:
                ssm.put_parameter(Name=name, Value=provisioned[name], Type="String", Overwrite=True)


def _restore_secrets(provisioned: dict[str, str]) -> None:
    secrets = _aws("secretsmanager")
    for page in secrets.get_paginator("list_secrets").paginate():
        for secret in page["SecretList"]:
            name = secret["Name"]
            if name not in provisioned:
                secrets.delete_secret(SecretId=name, ForceDeleteWithoutRecovery=True)
            elif secrets.get_secret_value(SecretId=name)["SecretString"] != provisioned[name]:
                secrets.put_secret_value(SecretId=name, SecretString=provisioned[name])
