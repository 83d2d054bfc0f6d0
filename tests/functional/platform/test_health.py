"""GET /health is liveness from the platform alone; GET /operator/health names every table,
queue and external system, says when one fails, is the operator's only, and is kept for a while
(issue 10 item 16, G8)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from devstack.events import rest_event
from egov.platform import clock, health
from egov.platform.adapters import base as adapters
from tests.conftest import LocalAws
from tests.helpers import account

ROUTE = "/operator/health"


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """The real-time clock the kept report is aged by, moved by the test; a fresh container."""
    now = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    monkeypatch.setattr(clock, "real_now", lambda: now[0])
    health.forget()
    yield now
    health.forget()


@pytest.fixture
def probed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the probes run, in any order."""
    ran: list[str] = []
    real = health._probe

    def counting(name: str, check: Any) -> health.Component:
        ran.append(name)
        return real(name, check)

    monkeypatch.setattr(health, "_probe", counting)
    return ran


def _deep(local_aws: LocalAws, token: str | None) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = local_aws.invoke("OperatorHealthFunction", rest_event("GET", ROUTE, headers=headers))
    return response["statusCode"], json.loads(response["body"])


def _components(body: dict[str, Any]) -> dict[str, str]:
    return {c["name"]: c["status"] for c in body["components"]}


def test_public_liveness_probes_nothing(
    local_aws: LocalAws, moment: list[datetime], probed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anyone may ask, as often as they like: no table, queue or external system is called."""
    monkeypatch.setattr(adapters, "endpoints", lambda: pytest.fail("an external system probed"))
    for _ in range(3):
        response = local_aws.invoke("HealthFunction", rest_event("GET", "/health"))
        assert response["statusCode"] == 200
        assert json.loads(response["body"]) == {"status": "ok", "time": "2026-12-01T09:00:00Z"}
    assert probed == []


def test_the_deep_probe_is_the_operator_s(local_aws: LocalAws, moment: list[datetime]) -> None:
    assert _deep(local_aws, None)[0] == 401
    for role, agency in (("citizen", None), ("officer", "MKT"), ("agency", "DIN")):
        assert _deep(local_aws, account(role, agency)[1])[0] == 403  # type: ignore[arg-type]


def test_every_registry_queue_and_external_system_is_checked(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    status, body = _deep(local_aws, account("operator")[1])
    assert status == 200, body
    components = _components(body)
    for name in ("PLATFORM_TABLE", "AUDIT_TABLE", "PRODUCERS_TABLE", "CERTIFICATES_TABLE"):
        assert components[f"dynamodb:{name}"] == "ok"
    assert components["sqs:NOTIFICATION_QUEUE_URL"] == "ok"
    assert components["external:population"] == "ok"
    assert components["external:sms"] == "ok"
    assert (body["checkedAt"], body["ageSeconds"]) == ("2026-12-01T09:00:00Z", 0)


def test_the_report_is_kept_for_thirty_seconds_with_its_age(
    local_aws: LocalAws, moment: list[datetime], probed: list[str]
) -> None:
    """Refreshing within 30 s probes nothing again and says how old the report is; from 30 s
    on, every component is probed anew (all at once, as before)."""
    token = account("operator")[1]
    _deep(local_aws, token)
    first = len(probed)
    assert first > 7 and any(name.startswith("external:") for name in probed)
    moment[0] += timedelta(seconds=29)
    status, body = _deep(local_aws, token)
    assert (status, body["ageSeconds"], len(probed)) == (200, 29, first)
    assert body["checkedAt"] == "2026-12-01T09:00:00Z"
    moment[0] += timedelta(seconds=1)
    status, body = _deep(local_aws, token)
    assert (status, body["ageSeconds"], len(probed)) == (200, 0, 2 * first)
    assert body["checkedAt"] == "2026-12-01T09:00:30Z"


def test_an_unreachable_external_system_degrades_health(
    local_aws: LocalAws, moment: list[datetime]
) -> None:
    parameter = local_aws.template.physical_name("AdapterEndpoints")
    ssm = boto3.client("ssm")
    systems = json.loads(ssm.get_parameter(Name=parameter)["Parameter"]["Value"])
    systems["population"] = "http://127.0.0.1:9"  # nothing listens on the discard port
    ssm.put_parameter(Name=parameter, Value=json.dumps(systems), Type="String", Overwrite=True)
    adapters.forget()
    status, body = _deep(local_aws, account("operator")[1])
    assert status == 503
    components = _components(body)
    assert components["external:population"] == "failing"
    assert components["external:tax"] == "ok"
    response = local_aws.invoke("HealthFunction", rest_event("GET", "/health"))
    assert response["statusCode"] == 200  # the platform itself is alive
