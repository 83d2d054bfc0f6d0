"""Every text a module names is there once that module alone is loaded (G7; DESIGN rule 12).

A problem's `detail` is looked up by its key when the answer is written. Lambda loads one
handler per process, so a key registered by a module the handler never imports is missing in
production, and the answer becomes a 502 instead of the 404 it was meant to be. In the local
stack a worker that had loaded another handler first hid this (found by the contract fuzz on a
fresh clone: `renewal.unknown` raised by `egov.renewal.records`, registered by
`egov.renewal.texts`, which `attorney_signature` did not load).

Each module of the layer and each handler is imported alone, in a forked child of a process that
holds every third-party module the targets use (found by a first child that loads them all) and
none of ours but `egov.platform.problems`, so that a child pays only for its own modules; every
literal key it passes to a problem, to `i18n.text` or as a rate limit's `key=` must then be in
`i18n.TEXTS`. Then all of them are loaded in one process, as the build check does: no key may be
defined twice with different texts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from devstack.template import ROOT

PROBE = r"""
import ast, importlib, importlib.util, json, os, pkgutil, sys

import egov

from egov.platform import problems

PROBLEMS = {
    name for name, value in vars(problems).items()
    if isinstance(value, type) and issubclass(value, problems.Problem)
}


def keys_named(path):
    # Literal keys: the first argument of a problem or of i18n.text, a rate limit's key=.
    found = set()
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        first = node.args[0] if node.args else None
        if (name in PROBLEMS or name == "text") and isinstance(first, ast.Constant):
            found.add(first.value)
        for keyword in node.keywords if name == "take" else ():
            if keyword.arg == "key" and isinstance(keyword.value, ast.Constant):
                found.add(keyword.value.value)
    return {key for key in found if isinstance(key, str)}


def load(target):
    kind, name, path = target
    if kind == "module":
        importlib.import_module(name)
        return
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


targets = [
    ("module", info.name, importlib.util.find_spec(info.name).origin)
    for info in pkgutil.walk_packages(egov.__path__, "egov.")
] + [("handler", "handler_" + name, path) for name, path in json.loads(sys.argv[1])]


def in_a_child(work):
    # work()'s JSON answer, computed in a forked child; None if the child died first.
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            os.write(write, json.dumps(work()).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        text = answer.read()
    os.waitpid(child, 0)
    return json.loads(text) if text else None


def ours(name):
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None) or ""
    return name == "egov" or name.startswith(("egov.", "handler_")) or path.startswith(OUR_DIRS)


def everything_else():
    # The modules other than ours that loading every target brings in, in the order it did.
    for target in targets:
        load(target)
    return [name for name in list(sys.modules) if not ours(name)]


def absent_after_loading(target):
    def work():
        load(target)
        from egov.platform import i18n
        return sorted(key for key in keys_named(target[2]) if key not in i18n.TEXTS)
    return work


# The parent holds every third-party (and standard) module the targets use, and none of ours,
# so each child pays only for its own egov modules: what makes a module "alone" is which of
# ours it loads, and third-party modules register no texts.
OUR_DIRS = tuple({os.path.dirname(path) for _, _, path in targets})
before = {name for name in sys.modules if ours(name)}
for name in in_a_child(everything_else) or []:
    try:
        importlib.import_module(name)
    except Exception:
        pass  # a module only its package may load: a child loads it as it did before
assert {name for name in sys.modules if ours(name)} == before, "the warm-up loaded ours"

missing = {}
for target in targets:
    absent = in_a_child(absent_after_loading(target))
    if absent is None:
        missing[target[1]] = ["<failed to import alone>"]
    elif absent:
        missing[target[1]] = absent
# All of them in one process, as the build check loads them: no key is defined twice apart.
for target in targets:
    try:
        load(target)
    except Exception as error:
        missing[target[1]] = [f"<failed beside the others: {error}>"]
print(json.dumps(missing))
"""


def test_every_text_a_module_names_is_registered_when_it_is_loaded_alone(tmp_path: Path) -> None:
    handlers = sorted(
        (path.relative_to(ROOT).as_posix().replace("/", "_"), str(path))
        for path in (ROOT / "functions").rglob("*.py")
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(handlers)],
        capture_output=True,
        text=True,
        check=False,
        # The children would each compile their modules again without a bytecode cache (CI
        # sets PYTHONDONTWRITEBYTECODE): one of their own, outside the source tree.
        env={
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "PYTHONPYCACHEPREFIX": str(tmp_path),
        },
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    missing = json.loads(probe.stdout.strip().splitlines()[-1])
    assert missing == {}, f"texts missing when loaded alone: {missing}"
