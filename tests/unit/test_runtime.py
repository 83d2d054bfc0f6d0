"""The runtime the template declares, the one the layer is built for and the local interpreter agree,
and none is near its end of support; what the build ships carries bytecode for that runtime.

A layer built with `BuildMethod: python3.11` ships cpython-311 binaries (pydantic_core, cffi) that
fail on import under any other runtime, and neither cfn-lint nor `sam validate` notices a layer
that claims more runtimes than it was built for; this test does. The layer and the functions are
built by infra/lambda/Makefile (`BuildMethod: makefile`), whose PYTHON_VERSION is the runtime the
layer's wheels are installed for and its bytecode compiled by.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from devstack.template import Template

ROOT = Path(__file__).resolve().parents[2]
MARGIN = dt.timedelta(days=183)
BUILT = ("AWS::Serverless::Function", "AWS::Serverless::LayerVersion")


def build_makefile(resource: dict) -> Path:
    """The Makefile sam runs for a resource built with `BuildMethod: makefile`."""
    metadata = resource["Metadata"]
    assert metadata["BuildMethod"] == "makefile"
    return ROOT / "infra" / metadata["ContextPath"] / "Makefile"


def makefile_python(makefile: Path) -> str:
    version = re.search(r"^PYTHON_VERSION := (\S+)$", makefile.read_text(), re.M)
    assert version is not None, f"{makefile} names no PYTHON_VERSION"
    return f"python{version.group(1)}"


def runtimes(template: Template) -> dict[str, set[str]]:
    """Every place the template names a Python runtime, by where it names it."""
    found: dict[str, set[str]] = {
        "Globals.Function.Runtime": {template.doc["Globals"]["Function"]["Runtime"]}
    }
    for logical_id, resource in template.resources.items():
        props = resource.get("Properties", {})
        if resource["Type"] == "AWS::Serverless::Function" and "Runtime" in props:
            found[f"{logical_id}.Runtime"] = {props["Runtime"]}
        if resource["Type"] == "AWS::Serverless::LayerVersion":
            found[f"{logical_id}.CompatibleRuntimes"] = set(props["CompatibleRuntimes"])
            found[f"{logical_id}.Makefile PYTHON_VERSION"] = {
                makefile_python(build_makefile(resource))
            }
    return found


def test_one_runtime_everywhere_and_it_is_the_local_interpreter() -> None:
    local = f"python{sys.version_info.major}.{sys.version_info.minor}"
    found = runtimes(Template())
    assert {name: values for name, values in found.items() if values != {local}} == {}, (
        f"every runtime in the template must be the local interpreter's ({local})"
    )


def test_the_makefile_builds_the_venv_with_the_runtime_minor_version() -> None:
    minor = re.search(r"^PYTHON_MINOR := (\S+)$", (ROOT / "Makefile").read_text(), re.M)
    assert minor is not None
    assert {f"python{minor.group(1)}"} == runtimes(Template())["Globals.Function.Runtime"]


def test_no_runtime_is_within_six_months_of_deprecation() -> None:
    # cfn-lint's own data file, found without importing cfn-lint (seconds of imports).
    spec = importlib.util.find_spec("cfnlint")
    assert spec is not None and spec.submodule_search_locations
    package = Path(spec.submodule_search_locations[0])
    lifecycle = json.loads(
        (package / "data" / "AdditionalSpecs" / "LmbdRuntimeLifecycle.json").read_text()
    )
    today = dt.datetime.now(dt.UTC).date()
    near = {
        runtime: lifecycle[runtime]["deprecated"]
        for values in runtimes(Template()).values()
        for runtime in values
        if dt.date.fromisoformat(lifecycle[runtime]["deprecated"]) - today < MARGIN
    }
    assert near == {}, "runtimes deprecated by AWS within six months"


def test_the_layer_lock_pins_what_the_tests_run_against() -> None:
    """The test environment is constrained by the layer's pins (Makefile `lock`): same versions."""

    def pins(path: Path) -> dict[str, str]:
        pairs = re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", path.read_text(), re.M)
        return {name.lower(): version for name, version in pairs}

    layer = pins(ROOT / "layers" / "core" / "python" / "requirements.txt")
    tests = pins(ROOT / "requirements.lock")
    assert {
        name: (version, tests.get(name))
        for name, version in layer.items()
        if tests.get(name) != version
    } == {}


def test_the_layer_and_every_function_are_built_with_bytecode() -> None:
    """sam's own Python builder ships no .pyc, so every cold start would compile every import
    (issue 18): the layer and each function go through the Makefile that compiles them."""
    template = Template()
    built = {
        logical_id: resource.get("Metadata", {})
        for logical_id, resource in template.resources.items()
        if resource["Type"] in BUILT
    }
    assert {
        logical_id: metadata
        for logical_id, metadata in built.items()
        if metadata.get("BuildMethod") != "makefile"
        or not build_makefile({"Metadata": metadata}).is_file()
    } == {}


def test_a_function_build_ships_unchecked_hash_bytecode(tmp_path: Path) -> None:
    """The function target copies the code and compiles it so that Lambda never recompiles it:
    hash-based, unchecked (flags 0b01 after the magic number), for the runtime's cache tag."""
    resource = Template().resources["HealthFunction"]
    python = makefile_python(build_makefile(resource))
    source = tmp_path / "source"
    shutil.copytree(ROOT / "functions" / "platform", source)
    artifacts = tmp_path / "artifacts"
    artifacts.mkdir()
    subprocess.run(
        ["make", "--makefile", str(build_makefile(resource)), "build-HealthFunction"],
        cwd=source,
        # The venv's interpreter is the runtime's minor version (the test above).
        env={
            "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "ARTIFACTS_DIR": str(artifacts),
        },
        check=True,
        capture_output=True,
    )
    tag = f"cpython-{python.removeprefix('python').replace('.', '')}"
    compiled = artifacts / "__pycache__" / f"health.{tag}.pyc"
    header = compiled.read_bytes()[:8]
    assert int.from_bytes(header[4:8], "little") == 0b01
    assert (artifacts / "health.py").is_file()


def test_the_layer_installs_the_wheels_the_lock_was_resolved_for() -> None:
    """`make lock` resolves the layer's pins for one platform; the build installs for that one."""
    layer = Template().resources["CoreLayer"]
    platform = re.search(r"^PYTHON_PLATFORM := (\S+)$", build_makefile(layer).read_text(), re.M)
    assert platform is not None
    lock = f"--python-platform {platform.group(1)} -o layers/core/python/requirements.txt"
    assert lock in (ROOT / "Makefile").read_text()
    assert platform.group(1).startswith(layer["Metadata"]["BuildArchitecture"] + "-")
