"""Cold import time of every handler module, against a bare boto3 handler, in one run.

Each module is imported in a fresh interpreter (what a Lambda cold start pays before the first
event), five times; the best time counts. The ratio to a handler that only imports boto3 tells how
much our layer and libraries add. Prints a table; never fails on a number.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from devstack.template import Template

ROOT = Path(__file__).resolve().parents[1]
RUNS = 5
PROBE = """
import importlib.util, sys, time
started = time.perf_counter()
spec = importlib.util.spec_from_file_location("handler", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(time.perf_counter() - started)
"""
BARE = "import boto3\n\ndef lambda_handler(event, context):\n    return boto3.__version__\n"


def import_seconds(module: Path, env: dict[str, str]) -> float:
    times = []
    for _ in range(RUNS):
        out = subprocess.run(
            [sys.executable, "-c", PROBE, str(module)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return min(times)


def main() -> None:
    template = Template()
    env = {**os.environ, "AWS_DEFAULT_REGION": "eu-central-1", "POWERTOOLS_TRACE_DISABLED": "true"}
    for fn in template.functions.values():
        env.update(fn.environment)
    bare = ROOT / ".aws-sam" / "bench_bare_handler.py"
    bare.parent.mkdir(exist_ok=True)
    bare.write_text(BARE)
    baseline = import_seconds(bare, env)
    print(f"bare boto3 handler: {baseline * 1000:.0f} ms (best of {RUNS})")
    print(f"{'function':40} {'import ms':>10} {'ratio':>7}")
    ratios = []
    for fn in sorted(template.functions.values(), key=lambda f: f.logical_id):
        seconds = import_seconds(fn.module_path, env)
        ratios.append(seconds / baseline)
        print(f"{fn.logical_id:40} {seconds * 1000:10.0f} {seconds / baseline:7.2f}")
    print(
        f"median ratio to bare boto3: {statistics.median(ratios):.2f} over {len(ratios)} functions"
    )


if __name__ == "__main__":
    main()
