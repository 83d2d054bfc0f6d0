"""Each function runs locally with the Globals and its own `Environment` only, as on AWS
(issue 11 item 4): a variable missing from one function's template entry fails locally, and the
layer has no silent default to hide it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from devstack.events import rest_event
from devstack.runtime import Functions
from devstack.stack import LOCAL_PARAMETERS
from devstack.template import Function, Template
from egov.certificates import queries
from egov.esign import deadlines, fee

PROBE = """
import os

def handler(event, context):
    return {name: os.environ.get(name) for name in event["names"]}
"""


def _template_with_probe(tmp_path: Path, environment: dict[str, str]) -> Template:
    """The template, plus a function whose handler reports the variables it can read."""
    template = Template(overrides=LOCAL_PARAMETERS)
    (tmp_path / "probe.py").write_text(PROBE)
    template.functions["ProbeFunction"] = Function(
        logical_id="ProbeFunction",
        code_dir=tmp_path,
        handler="probe.handler",
        environment={**template.globals_environment, **environment},
        timeout=3,
    )
    return template


def test_a_handler_reads_only_the_globals_and_its_own_variables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    template = _template_with_probe(tmp_path, {"ESIGN_TABLE": "egov-EsignTable"})
    for key, value in template.globals_environment.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("ESIGN_TABLE", "egov-EsignTable")
    monkeypatch.setenv("CERTIFICATES_TABLE", "egov-CertificatesTable")
    names = ["ESIGN_TABLE", "CERTIFICATES_TABLE", "PLATFORM_TABLE", "AWS_DEFAULT_REGION"]
    seen = Functions(template).invoke("ProbeFunction", {"names": names})
    assert seen["ESIGN_TABLE"] == "egov-EsignTable"
    assert (
        seen["PLATFORM_TABLE"] == template.functions["ProbeFunction"].environment["PLATFORM_TABLE"]
    )
    assert seen["CERTIFICATES_TABLE"] is None, "another function's variable leaked into it"
    assert seen["AWS_DEFAULT_REGION"] == os.environ.get("AWS_DEFAULT_REGION")
    # Outside the handler the process keeps the union: tests call the layer directly.
    assert os.environ["CERTIFICATES_TABLE"] == "egov-CertificatesTable"


def test_a_variable_missing_from_a_functions_entry_fails_its_handler_locally(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """CertificateStatusFunction without CERTIFICATE_QUERIES_PER_MINUTE in its template entry:
    the other certificate functions still set it in the process, yet its handler fails, as it
    would on AWS, before it reads anything."""
    template = Template(overrides=LOCAL_PARAMETERS)
    status = template.functions["CertificateStatusFunction"]
    del status.environment["CERTIFICATE_QUERIES_PER_MINUTE"]
    for key, value in {**status.environment, "CERTIFICATE_QUERIES_PER_MINUTE": "60"}.items():
        monkeypatch.setenv(key, value)
    event = rest_event(
        "GET",
        "/certificates/AZ-1/status",
        resource="/certificates/{serial}/status",
        path_parameters={"serial": "AZ-1"},
    )
    response = Functions(template).invoke("CertificateStatusFunction", event)
    assert response["statusCode"] == 500
    assert "CERTIFICATE_QUERIES_PER_MINUTE is not set" in caplog.text


@pytest.mark.parametrize(
    ("variable", "read"),
    [
        ("CERTIFICATE_QUERIES_PER_MINUTE", lambda: queries.throttle("203.0.113.7")),
        ("AGENCY_DECISION_BUSINESS_DAYS", lambda: deadlines.center(datetime.now(UTC))),
        ("ESIGN_FEE_CODE", fee.configured),
    ],
)
def test_the_former_silent_defaults_fail_loudly(
    monkeypatch: pytest.MonkeyPatch, variable: str, read: object
) -> None:
    """The rate limit (E14), the Center's decision period (E8) and the fee (E4) come from the
    template; unset, they name the missing variable instead of assuming 60, 5 or a fee."""
    monkeypatch.delenv(variable, raising=False)
    assert callable(read)
    with pytest.raises(RuntimeError, match=f"{variable} is not set"):
        read()


def test_an_empty_fee_code_still_means_no_fee(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESIGN_FEE_CODE", "")
    assert fee.configured() is None
