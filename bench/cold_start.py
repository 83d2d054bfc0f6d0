"""Cold import time of every handler as the build ships it, against two references (issue 18).

Measures `.aws-sam/build` (run `make build` first): each function's own directory and the
CoreLayer, with whatever bytecode the build put there, imported by a fresh interpreter that
sees only the standard library, the function and the layer (as Lambda's sys.path does), writes
no bytecode (Lambda's /var/task is read-only) and has tracing enabled as in production
(LAMBDA_TASK_ROOT set, POWERTOOLS_TRACE_DISABLED unset; X-Ray's missing context is ignored
because no daemon listens here). AWS_LAMBDA_RUNTIME_API is set as Lambda sets it, so `egov`
pauses the garbage collector during the import as it does there.

References: a bare handler that imports boto3, and the anchor, Powertools' own example of a
validated resolver (Logger, Tracer, APIGatewayRestResolver with one pydantic model, the
decorators of STYLE.md). What counts is the CPU time of the import: a shared machine's load
inflates wall time many times over, CPU time hardly. Every round imports every module once, in
the same order, so that drift falls on all alike; the median of the rounds counts. Prints a
table; never fails on a number.

`--modules` imports each function once and prints only its module count and the modules it
loads beyond the anchor's (`--beyond NAME` names them): a figure the machine's load cannot move,
for comparing changes while the machine is busy. The timed table needs a quiet machine.

Tracing is set up on a function's first invocation (`egov.platform.observability.traced`), so
its cost is no longer in these figures: the line `tracer setup` gives it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from devstack.template import Template

ROOT = Path(__file__).resolve().parents[1]
GOAL_BARE, GOAL_ANCHOR = 2.0, 1.2
BLOCK = 8
BEFORE = ROOT / "bench" / "cold_start_before.json"
PROBE = """
import importlib, sys, time
sys.path[0:0] = sys.argv[2:]
started = time.process_time()
importlib.import_module(sys.argv[1])
print(" ".join(sorted(sys.modules)))
print(time.process_time() - started, len(sys.modules))
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
        "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
        "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
    }
    return {**env, **extra}


def import_seconds(module: str, paths: list[Path], env: dict[str, str]) -> tuple[float, int]:
    """CPU seconds of the import and the modules loaded after it (independent of the load)."""
    seconds, modules = probe(module, paths, env)
    return seconds, len(modules)


def probe(module: str, paths: list[Path], env: dict[str, str]) -> tuple[float, set[str]]:
    """CPU seconds of the import and the names of the modules loaded after it."""
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
    names, figures = out.stdout.strip().splitlines()[-2:]
    return float(figures.split()[0]), set(names.split())


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


@dataclass
class Result:
    ms: float
    modules: int
    vs_bare: float
    vs_anchor: float


def measure(
    targets: dict[str, tuple[str, list[Path], dict[str, str]]], repeat: int, jobs: int
) -> dict[str, Result]:
    """Median CPU time and ratios of each target, every ratio paired with anchors run next to it.

    A round imports the bare handler and the anchor before every BLOCK targets, and a target's
    ratio in that round is to those two: a loaded machine drifts over a round of ~90 imports, far
    less over a block. The module count does not depend on the load at all.
    """
    names = [n for n in targets if n not in ("(bare)", "(anchor)")]
    blocks = [names[i : i + BLOCK] for i in range(0, len(names), BLOCK)]
    order = [name for block in blocks for name in ("(bare)", "(anchor)", *block)]
    seconds: dict[str, list[float]] = defaultdict(list)
    modules: dict[str, int] = {}
    ratios: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with ThreadPoolExecutor(jobs) as pool:
        for _ in range(repeat):
            measured = list(pool.map(lambda name: import_seconds(*targets[name]), order))
            pair = (0.0, 0.0)
            for name, (cpu, count) in zip(order, measured, strict=True):
                seconds[name].append(cpu)
                modules[name] = count
                if name == "(bare)":
                    pair = (cpu, pair[1])
                elif name == "(anchor)":
                    pair = (pair[0], cpu)
                else:
                    ratios[name].append((cpu / pair[0], cpu / pair[1]))
    results = {}
    for name in ("(bare)", "(anchor)", *names):
        pairs = ratios.get(name, [(1.0, 1.0)])
        results[name] = Result(
            ms=round(statistics.median(seconds[name]) * 1000, 1),
            modules=modules[name],
            vs_bare=round(statistics.median(p[0] for p in pairs), 2),
            vs_anchor=round(statistics.median(p[1] for p in pairs), 2),
        )
    return results


def load(path: Path) -> dict[str, Result]:
    return {name: Result(**values) for name, values in json.loads(path.read_text()).items()}


def table(now: dict[str, Result], before: dict[str, Result]) -> str:
    """Per handler, worst first: modules, median ms and ratios now, and before if recorded."""
    head = f"{'function':40} {'modules':>7} {'ms':>6} {'xbare':>6} {'xanchor':>7}"
    if before:
        head += f"   before: {'modules':>7} {'ms':>6} {'xbare':>6} {'xanchor':>7}"
    lines = [head]
    for name, r in sorted(now.items(), key=lambda item: -item[1].vs_anchor):
        line = f"{name:40} {r.modules:7} {r.ms:6.0f} {r.vs_bare:6.2f} {r.vs_anchor:7.2f}"
        if (b := before.get(name)) is not None:
            line += f"           {b.modules:7} {b.ms:6.0f} {b.vs_bare:6.2f} {b.vs_anchor:7.2f}"
        lines.append(line)
    return "\n".join(lines)


def module_table(
    targets: dict[str, tuple[str, list[Path], dict[str, str]]],
    jobs: int,
    before: dict[str, Result],
    beyond: str,
) -> str:
    """One import per function: its modules, those beyond the anchor's, and the modules before.

    Independent of the machine's load, so it is the figure to compare while others run; the
    names beyond the anchor say what to cut (`--beyond NAME` lists them).
    """
    with ThreadPoolExecutor(jobs) as pool:
        loaded = dict(
            zip(targets, pool.map(lambda name: probe(*targets[name])[1], targets), strict=True)
        )
    bare, anchor = loaded.pop("(bare)"), loaded.pop("(anchor)")
    for name in [n for n in loaded if n.startswith("(")]:
        loaded.pop(name)
    lines = [
        f"bare boto3 handler {len(bare)} modules; anchor {len(anchor)} modules",
        f"{'function':44} {'modules':>7} {'beyond anchor':>13} {'before':>7}",
    ]
    for name, names in sorted(loaded.items(), key=lambda item: -len(item[1])):
        was = before[name].modules if name in before else ""
        lines.append(f"{name:44} {len(names):7} {len(names - anchor):13} {was:>7}")
    counts = [len(names) for names in loaded.values()]
    if counts:
        median = statistics.median(counts)
        lines.append(
            f"median {median:.0f} modules ({median / len(anchor):.2f}x the anchor's count)"
        )
    for name in (n for n in loaded if beyond and beyond in n):
        extra = sorted(loaded[name] - anchor)
        lines.append(f"{name} beyond the anchor ({len(extra)}): {' '.join(extra)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (median counts)")
    parser.add_argument("--build-dir", type=Path, default=ROOT / ".aws-sam" / "build")
    parser.add_argument("--only", default="", help="functions whose logical id contains this")
    parser.add_argument(
        "--jobs", type=int, default=1, help="imports at once (CPU time is measured, not wall)"
    )
    parser.add_argument(
        "--before", type=Path, default=BEFORE, help="figures to print beside (from --save)"
    )
    parser.add_argument("--save", type=Path, help="write this run's figures as JSON")
    parser.add_argument(
        "--modules",
        action="store_true",
        help="only count each function's modules, one import each (quick, load-independent)",
    )
    parser.add_argument(
        "--beyond", default="", help="with --modules: list the modules these load beyond the anchor"
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

    before = load(args.before) if args.before and args.before.exists() else {}
    if args.modules:
        print(module_table(targets, max(args.jobs, 2), before, args.beyond))
        return
    results = measure(targets, args.repeat, args.jobs)
    bare, anchor = results.pop("(bare)"), results.pop("(anchor)")
    tracer_setup = results.pop("(tracer)").ms - results.pop("(observability)").ms
    print(build_size(build))
    print(
        f"median of {args.repeat} rounds, tracing enabled, ratios paired with the nearest anchors"
    )
    print(
        f"bare boto3 handler {bare.ms:6.0f} ms, {bare.modules} modules; "
        f"anchor {anchor.ms:6.0f} ms, {anchor.modules} modules ({anchor.ms / bare.ms:.2f}x bare)"
    )
    print(f"tracer setup, paid on the first invocation: {tracer_setup:.0f} ms")
    print(table(results, before))
    if args.save:
        args.save.write_text(
            json.dumps({name: asdict(r) for name, r in results.items()}, indent=1) + "\n"
        )
    if not results:
        return
    worst = max(results, key=lambda name: results[name].vs_anchor)
    print(
        f"median handler: {statistics.median(r.vs_bare for r in results.values()):.2f}x bare, "
        f"{statistics.median(r.vs_anchor for r in results.values()):.2f}x anchor; worst {worst}: "
        f"{results[worst].vs_bare:.2f}x bare, {results[worst].vs_anchor:.2f}x anchor"
    )
    over = [n for n, r in results.items() if r.vs_bare > GOAL_BARE or r.vs_anchor > GOAL_ANCHOR]
    print(
        f"over the goal (<= {GOAL_BARE}x bare and <= {GOAL_ANCHOR}x anchor): "
        f"{len(over)} of {len(results)}" + (f": {', '.join(over)}" if over else "")
    )


if __name__ == "__main__":
    main()
