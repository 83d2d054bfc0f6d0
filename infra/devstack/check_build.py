"""Import every handler from what `sam build` produced, with only the built layer on the path.

The tests run against the development environment; this proves the artifacts AWS will load work
under the declared runtime: the layer's compiled wheels (pydantic_core, cffi, argon2) match the
interpreter, nothing a handler imports is missing from the layer, and no handler fails at import.
Run with the runtime's interpreter after `sam build` (the Makefile's `template` target does).
`-S` keeps the development site-packages out, as Lambda has only /var/task and /opt/python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from devstack.template import ROOT, Template

BUILD = ROOT / ".aws-sam" / "build"
PROBE = """
import importlib.util, json, sys
failures = {}
for logical_id, code_dir, module_file in json.loads(sys.argv[1]):
    sys.path.insert(0, code_dir)
    try:
        spec = importlib.util.spec_from_file_location("handler_" + logical_id, module_file)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except BaseException as error:
        failures[logical_id] = f"{type(error).__name__}: {error}"
    finally:
        sys.path.remove(code_dir)
print(json.dumps(failures))
"""


def main() -> int:
    template = Template()
    (layer,) = template.of_type("AWS::Serverless::LayerVersion")
    layer_path = BUILD / layer / "python"
    if not layer_path.is_dir():
        print(f"no built layer at {layer_path}: run `sam build` first", file=sys.stderr)
        return 2
    jobs, env = [], {}
    for fn in template.functions.values():
        code_dir = BUILD / fn.logical_id
        module = fn.handler.rpartition(".")[0].replace(".", "/") + ".py"
        jobs.append((fn.logical_id, str(code_dir), str(code_dir / module)))
        env.update(fn.environment)
    env.update(
        PATH=os.environ.get("PATH", ""),
        PYTHONPATH=str(layer_path),
        PYTHONNOUSERSITE="1",
        AWS_DEFAULT_REGION="eu-central-1",
        AWS_ACCESS_KEY_ID="build-check",
        AWS_SECRET_ACCESS_KEY="build-check",
        POWERTOOLS_TRACE_DISABLED="true",
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", PROBE, json.dumps(jobs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    for logical_id, error in sorted(failures.items()):
        print(f"{logical_id}: {error}", file=sys.stderr)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    print(f"{len(jobs) - len(failures)}/{len(jobs)} handlers import from the build under {version}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
