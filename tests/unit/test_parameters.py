"""Secrets and SSM settings are read through one helper (egov.platform.secrets, Powertools
parameters) and kept for a max age, so a changed endpoint or a rotated key reaches running
functions without a cold start (issue 9, DESIGN rule 13)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import boto3
import pytest
from aws_lambda_powertools.utilities.parameters import base as powertools_parameters

from egov.platform import secrets, webhooks
from egov.platform.adapters import base as adapters
from tests.conftest import LocalAws

ROOT = Path(__file__).resolve().parents[2]
MAX_AGE = 1  # seconds, in place of the template's 300 so the test sees a value expire


class _Clock(datetime):
    """Powertools' cache clock, moved only by the test: a slow machine never ages a value."""

    moment = datetime(2026, 12, 1, 12, 0)

    @classmethod
    def now(cls, tz: object = None) -> _Clock:
        return cls.fromtimestamp(cls.moment.timestamp())


def _age(seconds: float) -> None:
    _Clock.moment += timedelta(seconds=seconds)


@pytest.fixture
def short_max_age(local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalAws]:
    monkeypatch.setenv("POWERTOOLS_PARAMETERS_MAX_AGE", str(MAX_AGE))
    monkeypatch.setattr(powertools_parameters, "datetime", _Clock)
    secrets.forget()
    yield local_aws
    secrets.forget()


def test_the_template_gives_every_function_a_max_age() -> None:
    from devstack.template import Template

    for fn in Template().functions.values():
        assert fn.environment["POWERTOOLS_PARAMETERS_MAX_AGE"] == "300", fn.logical_id


def test_a_changed_endpoint_reaches_a_running_function_after_the_max_age(
    short_max_age: LocalAws,
) -> None:
    name = short_max_age.template.physical_name("AdapterEndpoints")
    before = adapters.endpoints()
    moved = {**before, "tax": "http://tax.example/v2"}
    boto3.client("ssm").put_parameter(
        Name=name, Value=json.dumps(moved), Type="String", Overwrite=True
    )
    assert adapters.endpoints() == before  # kept, not read on every call
    _age(MAX_AGE + 0.2)
    assert adapters.endpoints()["tax"] == "http://tax.example/v2"


def test_a_rotated_secret_reaches_a_running_function_after_the_max_age(
    short_max_age: LocalAws,
) -> None:
    name = short_max_age.template.physical_name("TokenSigningKey")
    before = secrets.secret("TOKEN_KEY_SECRET")
    boto3.client("secretsmanager").put_secret_value(SecretId=name, SecretString="rotated")
    assert secrets.secret("TOKEN_KEY_SECRET") == before
    _age(MAX_AGE + 0.2)
    assert secrets.secret("TOKEN_KEY_SECRET") == "rotated"


def test_an_agency_secret_stored_here_is_used_here_at_once(short_max_age: LocalAws) -> None:
    webhooks._store_secret("XKX", "first")
    assert webhooks._hmac_secret("XKX") == "first"
    webhooks._store_secret("XKX", "second")
    assert webhooks._hmac_secret("XKX") == "second"


def test_nothing_else_reads_secrets_manager_or_ssm() -> None:
    """One way to read them: every other module goes through egov.platform.secrets."""
    direct = re.compile(r"get_secret_value\(SecretId|get_parameters?\(Name|client\(\"ssm\"\)")
    found = [
        str(path.relative_to(ROOT))
        for folder in ("layers/core/python/egov", "functions")
        for path in (ROOT / folder).rglob("*.py")
        if path.name != "secrets.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
