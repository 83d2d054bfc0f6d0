"""GET /health names every table, queue and external system, and says when one fails."""

import json

import boto3

from devstack.events import rest_event
from egov.platform.adapters import base as adapters
from tests.conftest import LocalAws


def _health(local_aws: LocalAws) -> tuple[int, dict[str, str]]:
    response = local_aws.invoke("HealthFunction", rest_event("GET", "/health"))
    body = json.loads(response["body"])
    return response["statusCode"], {c["name"]: c["status"] for c in body["components"]}


def test_every_registry_queue_and_external_system_is_checked(local_aws: LocalAws) -> None:
    status, components = _health(local_aws)
    assert status == 200
    for name in ("PLATFORM_TABLE", "AUDIT_TABLE", "PRODUCERS_TABLE", "CERTIFICATES_TABLE"):
        assert components[f"dynamodb:{name}"] == "ok"
    assert components["sqs:NOTIFICATION_QUEUE_URL"] == "ok"
    assert components["external:population"] == "ok"
    assert components["external:sms"] == "ok"


def test_an_unreachable_external_system_degrades_health(local_aws: LocalAws) -> None:
    parameter = local_aws.template.physical_name("AdapterEndpoints")
    ssm = boto3.client("ssm")
    systems = json.loads(ssm.get_parameter(Name=parameter)["Parameter"]["Value"])
    systems["population"] = "http://127.0.0.1:9"  # nothing listens on the discard port
    ssm.put_parameter(Name=parameter, Value=json.dumps(systems), Type="String", Overwrite=True)
    adapters.forget()
    status, components = _health(local_aws)
    assert status == 503
    assert components["external:population"] == "failing"
    assert components["external:tax"] == "ok"
