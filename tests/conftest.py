"""Fixtures shared by every kind of test (helpers that are not fixtures: tests/helpers.py).

`local_aws`: moto in-process (Step Functions executing ASL), every resource of the template
provisioned, the functions' environment applied, and a pump to deliver queue messages. The
template is provisioned once per test worker (`provisioned`, seconds) and only its data is reset
after each test (devstack.reset, milliseconds); moto's mock is active only inside tests that
ask for it, so the other tests (and the e2e stack's clients) reach what they address.
`platform`: `local_aws` with the local API gateway listening on an ephemeral port, for
simulators that call the platform back (gateways' receipts, the payment provider's callback).
`simulators`: the external-system simulators on an ephemeral port, for the adapters' real
HTTP clients.
"""

from __future__ import annotations

import functools
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import boto3
import httpx
import pytest
from moto import mock_aws
from moto.core.models import MockAWS

from devstack import gateway, reset
from devstack.events import rest_event
from devstack.launcher import free_port
from devstack.moto_patches import make_dynamodb_writes_atomic
from devstack.provision import provision
from devstack.pump import Pump
from devstack.runtime import Functions, merged_environment
from devstack.stack import LOCAL_PARAMETERS, aws_environment
from devstack.template import REGION, Template
from egov.platform import adapters, aws, secrets
from egov.platform.adapters import base as adapters_base

EVENTS = Path(__file__).parent / "events"

# How long a wait may take before the test fails: a ceiling for a broken run on a loaded machine,
# not a measure of speed (every wait returns as soon as its condition holds).
CEILING = 300.0

# Tests call local servers (simulators, the gateway) on a machine that may be busy; httpx's 5 s
# default timeout is a speed assumption, so the one-off calls get the tests' ceiling instead.
# A caller that names its own timeout keeps it.
for _verb in ("get", "post", "put", "patch", "delete", "options", "head"):
    setattr(httpx, _verb, functools.partial(getattr(httpx, _verb), timeout=CEILING))
__all__ = ["LocalAws", "free_port", "rest_event"]


@dataclass
class LocalAws:
    template: Template
    functions: Functions
    pump: Pump

    def invoke(self, function: str, event: dict) -> dict:
        return self.functions.invoke(function, event)


@pytest.fixture(scope="session")
def simulators() -> Iterator[str]:
    from devstack import simulators as sims

    port = free_port()
    server = sims.serve("127.0.0.1", port, api_url="http://127.0.0.1:9")
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def forget_cold_start_state() -> None:
    """Lambda keeps clients, secrets and endpoints for its lifetime; each test is a new world."""
    aws.reset_clients()
    secrets.forget()
    adapters_base.forget()


@dataclass
class Provisioned:
    """The template provisioned into moto once per worker, the mock that holds it (started
    and stopped around each test without losing data), and what `reset` restores."""

    mock: MockAWS
    template: Template
    environment: dict[str, str]
    baseline: reset.Baseline


@pytest.fixture(scope="session")
def provisioned(simulators: str) -> Iterator[Provisioned]:
    env = aws_environment("unused")
    env.pop("AWS_ENDPOINT_URL")
    # AWS allows one purge a minute per queue; `reset` purges every queue after each test.
    env["MOTO_SQS_ENFORCE_STRICT_QUEUE_PURGE_BEHAVIOUR"] = "false"
    saved = dict(os.environ)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(env)
    make_dynamodb_writes_atomic()
    mock = mock_aws(config={"stepfunctions": {"execute_state_machine": True}})
    mock.start()
    try:
        template = Template(overrides=LOCAL_PARAMETERS)
        template.endpoint = f"https://sqs.{REGION}.amazonaws.com"
        provision(template)
        from devstack.simulators import endpoints

        boto3.client("ssm").put_parameter(
            Name=template.physical_name("AdapterEndpoints"),
            Value=json.dumps(endpoints(simulators)),
            Type="String",
            Overwrite=True,
        )
        ready = Provisioned(mock, template, env | merged_environment(template), reset.baseline())
    finally:
        mock.stop(remove_data=False)
        os.environ.clear()
        os.environ.update(saved)
    yield ready
    mock.start(reset=False)
    mock.stop()  # and the data with it


@pytest.fixture
def local_aws(provisioned: Provisioned) -> Iterator[LocalAws]:
    saved = dict(os.environ)
    os.environ.pop("AWS_ENDPOINT_URL", None)
    os.environ.update(provisioned.environment)
    provisioned.mock.start(reset=False)
    forget_cold_start_state()
    functions = Functions(provisioned.template)
    try:
        yield LocalAws(provisioned.template, functions, Pump(functions))
    finally:
        try:
            reset.reset(provisioned.template, provisioned.baseline)
        finally:
            provisioned.mock.stop(remove_data=False)
            forget_cold_start_state()
            os.environ.clear()
            os.environ.update(saved)


@pytest.fixture
def platform(local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalAws]:
    """local_aws with the local API gateway listening, so callbacks from simulators reach it."""
    adapters.forget()
    secrets.forget()
    port = free_port()
    server = gateway.server(local_aws.functions, "127.0.0.1", port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("PUBLIC_API_URL", f"http://127.0.0.1:{port}")
    yield local_aws
    server.shutdown()
    adapters.forget()
    secrets.forget()
