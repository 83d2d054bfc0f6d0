"""LocalStack, the optional second AWS back end: `EGOV_TARGET=localstack`, found at
`LOCALSTACK_HOST` (host:port, `localhost:4566` by default), as LocalStack's own tools read it.

Asked for and not answering is an error, never a quiet fall-back to moto: whoever set
EGOV_TARGET wants to know the run did not use LocalStack.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.request
from collections.abc import Iterable

from devstack.template import Template

ENV = "EGOV_TARGET"
HOST_ENV = "LOCALSTACK_HOST"
# The LocalStack service behind each kind of resource the local stack provisions.
SERVICES = {
    "AWS::DynamoDB::Table": "dynamodb",
    "AWS::SQS::Queue": "sqs",
    "AWS::S3::Bucket": "s3",
    "AWS::SecretsManager::Secret": "secretsmanager",
    "AWS::SSM::Parameter": "ssm",
    "AWS::SNS::Topic": "sns",
    "AWS::Events::EventBus": "events",
    "AWS::Events::Rule": "events",
    "AWS::IAM::ManagedPolicy": "iam",
    "AWS::Serverless::StateMachine": "stepfunctions",
    "AWS::StepFunctions::StateMachine": "stepfunctions",
}
# LocalStack's health states of a service that runs or will start on first use.
USABLE = {"available", "running"}


class Unreachable(RuntimeError):
    """EGOV_TARGET=localstack, and nothing answers at LOCALSTACK_HOST."""


def requested() -> bool:
    return os.environ.get(ENV) == "localstack"


def endpoint() -> str | None:
    """LocalStack's URL when EGOV_TARGET=localstack, None otherwise; `Unreachable` if asked for
    and nothing answers."""
    if not requested():
        return None
    from localstack_client.config import DEFAULT_EDGE_PORT, parse_localstack_host

    host, port = parse_localstack_host(os.environ.get(HOST_ENV, f"localhost:{DEFAULT_EDGE_PORT}"))
    scheme = "https" if os.environ.get("USE_SSL") in ("1", "true") else "http"
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError as error:
        raise Unreachable(
            f"{ENV}=localstack, but nothing answers at {host}:{port} ({HOST_ENV}): start "
            f"LocalStack, point {HOST_ENV} at it, or unset {ENV} to run on moto"
        ) from error
    return f"{scheme}://{host}:{port}"


def services(template: Template) -> set[str]:
    return {SERVICES[r["Type"]] for r in template.resources.values() if r["Type"] in SERVICES}


def services_down(url: str, wanted: Iterable[str]) -> dict[str, str]:
    """The wanted services LocalStack's health endpoint reports it cannot run, with their state
    (`error` for one that failed to start, `disabled`, or `missing`)."""
    with urllib.request.urlopen(f"{url}/_localstack/health", timeout=5) as answer:
        states = json.load(answer).get("services", {})
    return {
        service: states.get(service, "missing")
        for service in sorted(wanted)
        if states.get(service) not in USABLE
    }
