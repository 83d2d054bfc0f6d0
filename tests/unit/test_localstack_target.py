"""The LocalStack switch: not asked for is moto, asked for and unreachable is an error, and a
service LocalStack cannot run is named (issue 9; DESIGN, local stack)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from devstack import localstack
from devstack.template import Template
from tests.conftest import free_port


def test_not_asked_for_means_moto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(localstack.ENV, raising=False)
    assert localstack.endpoint() is None


def test_asked_for_and_unreachable_is_an_error_not_moto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(localstack.ENV, "localstack")
    monkeypatch.setenv(localstack.HOST_ENV, f"127.0.0.1:{free_port()}")
    with pytest.raises(localstack.Unreachable, match="LOCALSTACK_HOST"):
        localstack.endpoint()


@pytest.fixture
def answering() -> Iterator[str]:
    """An endpoint that answers as LocalStack does when its DynamoDB failed to start."""
    health = {"services": {"dynamodb": "error", "sqs": "running", "s3": "available"}}

    class Health(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(health).encode()
            self.send_response(200 if self.path == "/_localstack/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_service_that_cannot_start_is_named_with_its_state(
    answering: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(localstack.ENV, "localstack")
    monkeypatch.setenv(localstack.HOST_ENV, answering)
    url = localstack.endpoint()
    assert url == f"http://{answering}"
    down = localstack.services_down(url, localstack.services(Template()))
    assert down["dynamodb"] == "error"
    assert down["stepfunctions"] == "missing"
    assert "sqs" not in down and "s3" not in down


def test_every_kind_the_local_stack_provisions_has_its_service() -> None:
    from devstack.provision import IGNORED

    kinds = {r["Type"] for r in Template().resources.values()} - IGNORED
    assert kinds <= set(localstack.SERVICES)
