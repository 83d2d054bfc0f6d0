"""The certificate registry over HTTP against the local stack (E14, E15).

A certificate is issued through the embassy's check (the only way one is registered, issue 10
item 4); anyone then queries it without logging in, and the command-line
verifier proves it in the signed log.
"""

from __future__ import annotations

import subprocess
import sys
import uuid

from tests.conftest import CEILING
from tests.e2e.conftest import ROOT, RunningStack
from tests.e2e.test_esign import issue_through_the_embassy


def test_e14_public_query_and_e15_cli_verifier(stack: RunningStack) -> None:
    """E14: no login: holder, status, validity and an OCSP-like status; E15: the CLI verifier
    checks the signed checkpoint, the certificate's inclusion and the log's consistency."""
    with stack.client() as http:
        size_before = int(http.get("/certificates/log/checkpoint").text.split("\n")[1])
    _application, serial = issue_through_the_embassy(stack, f"e2e-cert-{uuid.uuid4().hex}")
    with stack.client() as http:
        public = http.get(f"/certificates/{serial}")
        assert public.status_code == 200, public.text
        assert public.json()["holder"] == "Müller Jürgen"
        assert public.json()["status"] == "active"
        fingerprint = public.json()["keyFingerprint"]
        by_key = http.get(f"/certificates/keys/{fingerprint}")
        assert by_key.json()["certificates"][0]["serial"] == serial
        assert http.get(f"/certificates/{serial}/status").json()["certStatus"] == "good"
        refused = http.post(f"/certificates/{serial}/suspend", json={})
        assert refused.status_code in (401, 422)

    verifier = subprocess.run(
        [
            sys.executable,
            "-m",
            "egov.certificates.verify",
            "--api",
            stack.api,
            "--serial",
            serial,
            "--since",
            str(max(size_before, 1)),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=CEILING,
    )
    assert verifier.returncode == 0, verifier.stdout + verifier.stderr
    assert f"OK   inclusion of {serial}" in verifier.stdout
    assert "OK   consistency" in verifier.stdout
