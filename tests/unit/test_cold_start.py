"""Handlers load only what they use (issue 18 item 1: cold start; review finding for EKTİS A1-A11).

Checked by the modules a fresh interpreter holds after importing a handler, not by time: the
figure does not depend on the machine's load. `bench/cold_start.py --modules` prints every
function's count and `--beyond NAME` what it loads beyond the plain Powertools anchor.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Parser models Powertools' batch utility imports when pydantic is loaded, for `model=` only.
BATCH_PARSER_MODELS = "aws_lambda_powertools.utilities.parser.models.kafka"


def loaded_after(module: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `module` alone."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(ROOT / "layers/core/python"), str(ROOT / "infra"), str(ROOT)]
        ),
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import sys, {module}; print('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return set(out.split())


def test_an_ektis_handler_does_not_load_the_asan_imza_client() -> None:
    """`egov.ektis.subjects` is imported by every EKTİS handler; the ASAN İmza client
    (`egov.platform.mobile_id`) is needed only when a subject registers, so it is imported there."""
    for handler in ("egov.ektis.subjects", "functions.ektis.livestock", "functions.ektis.document"):
        assert "egov.platform.mobile_id" not in loaded_after(handler), handler


def test_log_out_does_not_load_the_notices() -> None:
    """Logging in or out sends a notice only when an agency's secret is refused too often: the
    notices (their adapters, the outbox, the queues) load then, not at every cold start."""
    for handler in ("functions.platform.auth_logout", "functions.platform.auth_login"):
        loaded = loaded_after(handler)
        assert "egov.platform.login" in loaded, handler
        assert not {"egov.platform.notify", "egov.platform.adapters"} & loaded, handler


def test_a_queue_consumer_does_not_load_the_batch_parser_models() -> None:
    """A consumer of plain SQS records loads Powertools' batch utility, not the parser's models
    of every event source (Kafka, Kinesis, CloudWatch...), which only `model=` would use."""
    for handler in ("functions.esign.workflow_events", "functions.export.workflow_events"):
        loaded = loaded_after(handler)
        assert "aws_lambda_powertools.utilities.batch" in loaded, handler
        assert BATCH_PARSER_MODELS not in loaded, handler
