"""The same provisioning against LocalStack, where one was asked for (EGOV_TARGET=localstack, at
LOCALSTACK_HOST).

Not asked for: skipped. Asked for and not answering: an error (devstack.localstack.Unreachable),
not a silent run on moto. Answering but unable to run a service the template needs (LocalStack's
DynamoDB downloads Java when it starts, which fails on machines without network): skipped,
naming the services and their state.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from devstack import localstack
from devstack.events import rest_event
from devstack.stack import aws_environment
from devstack.template import Template

pytestmark = pytest.mark.localstack


@pytest.fixture
def target(monkeypatch: pytest.MonkeyPatch) -> Iterator[Template]:
    if not localstack.requested():
        pytest.skip(f"LocalStack not asked for (set {localstack.ENV}=localstack)")
    endpoint = localstack.endpoint()
    assert endpoint is not None
    for key, value in aws_environment(endpoint).items():
        monkeypatch.setenv(key, value)
    template = Template(stack=f"egov-ls-{os.getpid()}")
    template.endpoint = endpoint
    wanted = localstack.services(template)
    if down := localstack.services_down(endpoint, wanted):
        pytest.skip(f"LocalStack answers at {endpoint} but cannot run {down}")
    yield template


def test_template_provisions_and_health_answers_on_localstack(target: Template) -> None:
    from devstack.provision import provision
    from devstack.runtime import Functions, apply_environment
    from egov.platform import aws

    try:
        provision(target)
    except Exception:
        # A service LocalStack starts on first use may fail only then: say which, and skip.
        if down := localstack.services_down(target.endpoint, localstack.services(target)):
            pytest.skip(f"LocalStack answers at {target.endpoint} but could not start {down}")
        raise
    apply_environment(target)
    aws.reset_clients()
    response = Functions(target).invoke("HealthFunction", rest_event("GET", "/health"))
    assert response["statusCode"] == 200
