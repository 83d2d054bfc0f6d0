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


def python(code: str, *args: str, **env: str) -> str:
    """What a fresh interpreter running `code` prints, with the layer and the repository on its
    path and `env` added to this environment (an empty value removes the variable)."""
    path = os.pathsep.join([str(ROOT / "layers/core/python"), str(ROOT / "infra"), str(ROOT)])
    merged = {k: v for k, v in {**os.environ, "PYTHONPATH": path, **env}.items() if v}
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env=merged,
        cwd=ROOT,
    ).stdout


def loaded_after(module: str) -> set[str]:
    """The modules a fresh interpreter holds after importing `module` alone."""
    return set(python(f"import sys, {module}; print('\\n'.join(sys.modules))").split())


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


def test_a_handler_does_not_load_boto3() -> None:
    """Clients come from botocore (`egov.platform.aws`): boto3's resource layer, its
    documentation classes and s3transfer are some 60 modules no request uses."""
    for handler in (
        "functions.platform.auth_login",
        "functions.export.workflow_events",
        "functions.ektis.livestock",
        "functions.certificates.lookup",
    ):
        loaded = loaded_after(handler)
        assert not {m for m in loaded if m == "boto3" or m.startswith("s3transfer")}, handler


GC_PROBE = """
import gc, importlib.util, json, sys
from pathlib import Path

left_paused = []
for n, (code_dir, module) in enumerate(json.loads(sys.argv[1])):
    gc.disable()  # as the first import of `egov` does in a Lambda runtime
    path = Path(code_dir, *module.split(".")).with_suffix(".py")
    spec = importlib.util.spec_from_file_location(f"handler_{n}", path)
    sys.path.insert(0, code_dir)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    sys.path.remove(code_dir)
    if not gc.isenabled():
        left_paused.append(str(path))
print(json.dumps({"paused": left_paused, "frozen": gc.get_freeze_count()}))
"""


def test_every_handler_resumes_the_garbage_collector_its_cold_start_paused() -> None:
    """In a Lambda runtime `egov` pauses the cyclic collector while a handler loads (issue 18);
    a handler module that did not end through `lambda_entry` would leave it off for the life of
    the runtime. Every function of the template is imported as Lambda's runtime would."""
    import json

    from devstack.template import Template

    functions = Template().functions.values()
    handlers = [(str(f.code_dir), f.handler.rpartition(".")[0]) for f in functions]
    out = python(
        GC_PROBE,
        json.dumps(handlers),
        AWS_LAMBDA_RUNTIME_API="127.0.0.1:9001",
        AWS_DEFAULT_REGION="eu-central-1",
    )
    result = json.loads(out)
    assert len(handlers) > 200
    assert result["paused"] == []
    assert result["frozen"] > 100_000  # what the imports made is out of the collector's walks


def test_outside_a_lambda_runtime_the_collector_is_never_paused() -> None:
    """Tests and the local stack import handlers into long-lived processes: no pause, no freeze."""
    out = python(
        "import gc, egov; paused = not gc.isenabled(); "
        "import functions.export.incentive_account; "
        "print(paused, gc.isenabled(), gc.get_freeze_count())",
        AWS_LAMBDA_RUNTIME_API="",
    ).split()
    assert out == ["False", "True", "0"]


def test_modules_declaring_models_evaluate_their_annotations_as_they_run() -> None:
    """Under `from __future__ import annotations` pydantic compiles and evaluates each field's
    annotation string while a class is made: a fifth of a model module's import (issue 18)."""
    import re

    model = re.compile(r"^class \w+\((View|Form|BaseModel)\):", re.MULTILINE)
    lazy = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "layers/core/python/egov").rglob("*.py")
        if len(model.findall(text := path.read_text())) >= 4
        and "from __future__ import annotations" in text
    ]
    assert lazy == []
