"""The same provisioning against LocalStack, where one is reachable (EGOV_TARGET=localstack).

Skipped cleanly on machines without LocalStack (no Docker here); where it runs, it proves the
template provisions into a second AWS emulator and the handlers work against it.
"""

from __future__ import annotations

import os

import pytest

from devstack.events import rest_event
from devstack.stack import aws_environment, localstack_endpoint

pytestmark = pytest.mark.localstack


@pytest.fixture
def localstack(monkeypatch: pytest.MonkeyPatch) -> str:
    endpoint = localstack_endpoint()
    if endpoint is None:
        pytest.skip("no LocalStack reachable (set EGOV_TARGET=localstack and start LocalStack)")
    for key, value in aws_environment(endpoint).items():
        monkeypatch.setenv(key, value)
    return endpoint


def test_template_provisions_and_health_answers_on_localstack(localstack: str) -> None:
    from devstack.provision import provision
    from devstack.runtime import Functions, apply_environment
    from devstack.template import Template
    from egov.platform import aws

    template = Template(stack=f"egov-ls-{os.getpid()}")
    template.endpoint = localstack
    provision(template)
    apply_environment(template)
    aws.reset_clients()
    response = Functions(template).invoke("HealthFunction", rest_event("GET", "/health"))
    assert response["statusCode"] == 200
