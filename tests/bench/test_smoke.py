"""Every bench runs and prints its figures (issue 18; `make bench` is not part of CI, and two
benches once rotted unnoticed). Each script runs as `make bench` runs it, with its smallest
parameters; what is checked is that it finishes and prints its table, never a number or a time.
A bench added to bench/ without a line here fails `test_every_bench_has_a_smoke_run`."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from devstack.template import ROOT
from tests.conftest import CEILING

BENCH = ROOT / "bench"
BUILD = ROOT / ".aws-sam" / "build"

# bench script -> (its smallest arguments, a pattern its output must hold)
SMOKE: dict[str, tuple[list[str], str]] = {
    "aws_calls.py": (
        ["--only", "outbox sweep"],
        r"outbox sweep \(every minute\) +\d+ +\d+ +Query \d+",
    ),
    "certificate_lookup.py": (
        ["--sizes", "20", "--lookups", "3"],
        r"(?m)^ +20 +\S.* +\d+\.\d +\d+\.\d\d",
    ),
    "cold_start.py": (
        ["--repeat", "1", "--only", "MobileIdLogin"],
        r"MobileIdLoginFunction +\d+ +\d+ +\d+\.\d\d +\d+\.\d\d",
    ),
    "export_application.py": (
        ["--only", "1 refused"],
        r"3 permits, 1 refused \(X4\) +\d+ +\d+",
    ),
    "local_stack.py": (
        ["--no-demo", "--workers", "1", "--idle-seconds", "1", "--racers", "2"],
        r"idle CPU of the local stack: [\d.]+ %.*\n.*: [\d.]+ per second \(2 at once",
    ),
    "report_reads.py": (["--sizes", "10"], r"(?m)^ +10 +\d+ +\d+ +\d+ +\d+ +\d+  \w"),
    "transitions.py": (
        ["--only", "producer verification: approved"],
        r"producer verification: approved +\d+ +[\d,]+  \w",
    ),
}


def test_every_bench_has_a_smoke_run() -> None:
    assert sorted(SMOKE) == sorted(path.name for path in BENCH.glob("*.py"))


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The benches' processes (and the local stack's) share a bytecode cache outside the source
    tree: without one (CI sets PYTHONDONTWRITEBYTECODE) each compiles every module it loads."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(tmp_path_factory.mktemp("pycache"))}


@pytest.mark.parametrize("bench", sorted(SMOKE))
def test_the_bench_runs_and_prints_its_figures(bench: str, environment: dict[str, str]) -> None:
    arguments, figures = SMOKE[bench]
    if bench == "cold_start.py" and not (BUILD / "CoreLayer").is_dir():
        pytest.skip("cold_start measures the build: `make build` (make test builds first)")
    run = subprocess.run(
        [sys.executable, str(BENCH / bench), *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=2 * CEILING,  # a ceiling for a stuck bench, not a measure
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(figures, run.stdout), run.stdout[-3000:] + run.stderr[-2000:]
    assert "(test " not in run.stdout, run.stdout[-3000:]  # a path's test failed
