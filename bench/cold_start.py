"""Cold import time of every handler as the build ships it, against two references (issue 18).

Measures `.aws-sam/build` (run `make build` first): each function's own directory and the
CoreLayer, with whatever bytecode the build put there, imported by a fresh interpreter that
sees only the standard library, the function and the layer (as Lambda's sys.path does), writes
no bytecode (Lambda's /var/task is read-only) and has tracing enabled as in production
(LAMBDA_TASK_ROOT set, POWERTOOLS_TRACE_DISABLED unset; X-Ray's missing context is ignored
because no daemon listens here).

References: a bare handler that imports boto3, and the anchor, Powertools' own example of a
validated resolver (Logger, Tracer, APIGatewayRestResolver with one pydantic model, the
decorators of STYLE.md). What counts is the CPU time of the import: a shared machine's load
inflates wall time many times over, CPU time hardly. Every round imports every module once, in
the same order, so that drift falls on all alike; the median of the rounds counts. Prints a
table; never fails on a number.

Tracing is set up on a function's first invocation (`egov.platform.observability.traced`), so
its cost is no longer in these figures: the line `tracer setup` gives it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from devstack.template import Template

ROOT = Path(__file__).resolve().parents[1]
GOAL_BARE, GOAL_ANCHOR = 2.0, 1.2
PROBE = """
import importlib, sys, time
sys.path[0:0] = sys.argv[2:]
started = time.process_time()
importlib.import_module(sys.argv[1])
print(time.process_time() - started)
"""
BARE = """import boto3


def lambda_handler(event, context):
    return boto3.__version__
"""
ANCHOR = """from aws_lambda_powertools import Logger, Tracer
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.logging import correlation_paths
from pydantic import BaseModel

logger = Logger()
tracer = Tracer()
app = APIGatewayRestResolver(enable_validation=True)


class Todo(BaseModel):
    userId: int
    title: str
    completed: bool


@app.post("/todos")
def create_todo(todo: Todo) -> Todo:
    return todo


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
def lambda_handler(event, context):
    return app.resolve(event, context)
"""

OBSERVABILITY = "from egov.platform import observability\n"
TRACER = OBSERVABILITY + "observability.tracer()\n"
REFERENCES = {"bare": BARE, "anchor": ANCHOR, "observability": OBSERVABILITY, "tracer": TRACER}


def lambda_environment(extra: dict[str, str], task_root: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "AWS_DEFAULT_REGION": "eu-central-1",
        "AWS_REGION": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_LAMBDA_FUNCTION_NAME": "bench",
        "AWS_EXECUTION_ENV": "AWS_Lambda_python3.13",
        "LAMBDA_TASK_ROOT": str(task_root),
        "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
    }
    return {**env, **extra}


def import_seconds(module: str, paths: list[Path], env: dict[str, str]) -> float:
    # -I -S: no site-packages of this machine; -B: the build's bytecode is read, never written.
    out = subprocess.run(
        [
            getattr(sys, "_base_executable", sys.executable),
            "-I",
            "-S",
            "-B",
            "-c",
            PROBE,
            module,
            *map(str, paths),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def build_size(build: Path) -> str:
    files = [p for p in build.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    sources = sum(1 for p in files if p.suffix == ".py")
    compiled = sum(1 for p in files if p.suffix == ".pyc")
    layer = sum(p.stat().st_size for p in (build / "CoreLayer").rglob("*") if p.is_file())
    return (
        f"build {size / 1e6:.0f} MB (CoreLayer {layer / 1e6:.0f} MB), "
        f"{sources} .py, {compiled} .pyc"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (median counts)")
    parser.add_argument("--build-dir", type=Path, default=ROOT / ".aws-sam" / "build")
    parser.add_argument("--only", default="", help="functions whose logical id contains this")
    parser.add_argument(
        "--jobs", type=int, default=1, help="imports at once (CPU time is measured, not wall)"
    )
    args = parser.parse_args()
    build: Path = args.build_dir
    layer = build / "CoreLayer" / "python"
    if not layer.is_dir():
        sys.exit(f"no build at {build}: run `make build` first")

    template = Template()
    functions = sorted(
        (fn for fn in template.functions.values() if args.only in fn.logical_id),
        key=lambda fn: fn.logical_id,
    )
    references = Path(tempfile.mkdtemp(prefix="cold-start-"))
    for name, code in REFERENCES.items():
        (references / name).mkdir()
        (references / name / "lambda_function.py").write_text(code)
    global_env = {
        k: str(template.resolve(v))
        for k, v in template.globals_function.get("Environment", {}).get("Variables", {}).items()
    }

    # name -> (module, sys.path entries, environment)
    targets: dict[str, tuple[str, list[Path], dict[str, str]]] = {
        f"({name})": (
            "lambda_function",
            [references / name, layer],
            lambda_environment(global_env, references / name),
        )
        for name in REFERENCES
    }
    for fn in functions:
        task_root = build / fn.logical_id
        targets[fn.logical_id] = (
            fn.handler.rpartition(".")[0],
            [task_root, layer],
            lambda_environment(fn.environment, task_root),
        )

    times: dict[str, list[float]] = {name: [] for name in targets}
    with ThreadPoolExecutor(args.jobs) as pool:
        for _ in range(args.repeat):
            rounds = pool.map(lambda target: import_seconds(*target), targets.values())
            for name, seconds in zip(targets, rounds, strict=True):
                times[name].append(seconds)

    median = {name: statistics.median(values) for name, values in times.items()}
    bare, anchor = median.pop("(bare)"), median.pop("(anchor)")
    tracer_setup = median.pop("(tracer)") - median.pop("(observability)")
    print(build_size(build))
    print(f"median of {args.repeat} rounds, tracing enabled")
    print(
        f"bare boto3 handler {bare * 1000:6.0f} ms; anchor {anchor * 1000:6.0f} ms "
        f"({anchor / bare:.2f}x bare)"
    )
    print(f"tracer setup, paid on the first invocation: {tracer_setup * 1000:.0f} ms")
    print(f"{'function':40} {'import ms':>10} {'vs bare':>8} {'vs anchor':>10}")
    for name, seconds in median.items():
        print(f"{name:40} {seconds * 1000:10.0f} {seconds / bare:8.2f} {seconds / anchor:10.2f}")
    if not median:
        return
    worst = max(median, key=lambda name: median[name])
    ratios = [seconds / bare for seconds in median.values()]
    print(
        f"median handler: {statistics.median(ratios):.2f}x bare, "
        f"{statistics.median(ratios) * bare / anchor:.2f}x anchor; worst {worst}: "
        f"{median[worst] / bare:.2f}x bare, {median[worst] / anchor:.2f}x anchor"
    )
    over = [n for n, s in median.items() if s > GOAL_BARE * bare or s > GOAL_ANCHOR * anchor]
    print(
        f"over the goal (<= {GOAL_BARE}x bare and <= {GOAL_ANCHOR}x anchor): "
        f"{len(over)} of {len(median)}" + (f": {', '.join(over)}" if over else "")
    )


if __name__ == "__main__":
    main()
