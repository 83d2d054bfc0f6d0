"""Every text a module names is there once that module alone is loaded (G7; DESIGN rule 12).

A problem's `detail` is looked up by its key when the answer is written. Lambda loads one
handler per process, so a key registered by a module the handler never imports is missing in
production, and the answer becomes a 502 instead of the 404 it was meant to be. In the local
stack a worker that had loaded another handler first hid this (found by the contract fuzz on a
fresh clone: `renewal.unknown` raised by `egov.renewal.records`, registered by
`egov.renewal.texts`, which `attorney_signature` did not load).

Each module of the layer and each handler is imported alone, in a forked child of a process that
holds only the third-party libraries, and every literal key it passes to a problem, to
`i18n.text` or as a rate limit's `key=` must then be in `i18n.TEXTS`. Then all of them are loaded in
one process, as the build check does: no key may be defined twice with different texts.
"""

from __future__ import annotations

import json
import subprocess
import sys

from devstack.template import ROOT

PROBE = r"""
import ast, importlib, importlib.util, json, os, pkgutil, sys

import aws_lambda_powertools.event_handler, boto3, pydantic  # noqa: F401  (shared, before the forks)
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

missing = {}
for target in targets:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        load(target)
        from egov.platform import i18n
        absent = sorted(key for key in keys_named(target[2]) if key not in i18n.TEXTS)
        os.write(write, json.dumps(absent).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        text = answer.read()
    os.waitpid(child, 0)
    if not text:
        missing[target[1]] = ["<failed to import alone>"]
    elif json.loads(text):
        missing[target[1]] = json.loads(text)
# All of them in one process, as the build check loads them: no key is defined twice apart.
for target in targets:
    try:
        load(target)
    except Exception as error:
        missing[target[1]] = [f"<failed beside the others: {error}>"]
print(json.dumps(missing))
"""


def test_every_text_a_module_names_is_registered_when_it_is_loaded_alone() -> None:
    handlers = sorted(
        (path.relative_to(ROOT).as_posix().replace("/", "_"), str(path))
        for path in (ROOT / "functions").rglob("*.py")
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(handlers)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    missing = json.loads(probe.stdout.strip().splitlines()[-1])
    assert missing == {}, f"texts missing when loaded alone: {missing}"
