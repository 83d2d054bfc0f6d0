"""The layering the services rely on (issue 11 item 5): the platform imports no service; a service
(its rules in the layer and its handlers) imports the platform, itself, and only the other
services declared below. A new edge is a decision written here, not an import that slips in.

Read with `ast` from the sources, so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LAYER = ROOT / "layers" / "core" / "python" / "egov"
FUNCTIONS = ROOT / "functions"
PLATFORM = "platform"

# service → the other services it may import. The one place service edges are declared.
SERVICE_EDGES: dict[str, set[str]] = {
    "certificates": set(),
    "customs": set(),  # its identifiers (HS code, currency) are the platform's trade module
    "ektis": set(),
    "esign": {"certificates"},  # an issued certificate is registered in the registry (E12)
    "export": {
        "producers",  # the catalogue names each product's producer from its registry (X1)
        "certificates",  # a partner's contract signature needs a `good` certificate (X2, E14)
    },
    "producers": set(),
    "renewal": {
        "certificates"
    },  # the holder's certificates and the new one are the registry's (R2, R9)
}
# Handlers that compose services beyond their folder's edges, each with its reason. Known debts
# are listed, not hidden: a new one fails the test until it is written here.
HANDLER_EXCEPTIONS: dict[str, set[str]] = {
    # The audit trail asks each service which agencies handle its subjects (audit_read).
    "functions/platform/audit_trail.py": {"certificates", "esign", "producers"},
}


def egov_packages(source: Path) -> set[str]:
    """The `egov.<package>` names a file imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"), str(source))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "egov":
                names = [f"egov.{alias.name}" for alias in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("egov.")}
    return found


def violations(owner: str, files: list[Path], edges: dict[str, set[str]]) -> list[str]:
    allowed = {owner} if owner == PLATFORM else {owner, PLATFORM, *edges.get(owner, set())}
    return [
        f"{source.name} imports egov.{package}"
        for source in files
        for package in sorted(egov_packages(source) - allowed)
    ]


def services() -> list[str]:
    return sorted(p.name for p in LAYER.iterdir() if (p / "__init__.py").exists())


def test_every_service_is_declared() -> None:
    assert set(services()) - {PLATFORM} == set(SERVICE_EDGES)
    for edges in SERVICE_EDGES.values():
        assert edges <= set(SERVICE_EDGES)


def _handler_violations(service: str) -> list[str]:
    found = []
    for source in sorted((FUNCTIONS / service).rglob("*.py")):
        excused = HANDLER_EXCEPTIONS.get(str(source.relative_to(ROOT)), set())
        found += [
            found_import
            for found_import in violations(service, [source], SERVICE_EDGES)
            if found_import.rsplit("egov.", 1)[1] not in excused
        ]
    return found


def test_the_platform_imports_no_service() -> None:
    files = sorted((LAYER / PLATFORM).rglob("*.py"))
    assert files
    assert violations(PLATFORM, files, SERVICE_EDGES) == []
    assert _handler_violations(PLATFORM) == []


def test_a_service_imports_the_platform_itself_and_its_declared_edges_only() -> None:
    for service in SERVICE_EDGES:
        files = sorted((LAYER / service).rglob("*.py"))
        assert files, service
        assert violations(service, files, SERVICE_EDGES) == [], service
        assert _handler_violations(service) == [], service


def test_every_exception_is_still_needed() -> None:
    for path, packages in HANDLER_EXCEPTIONS.items():
        assert packages <= egov_packages(ROOT / path), path


def test_the_check_catches_an_undeclared_edge(tmp_path: Path) -> None:
    source = tmp_path / "rules.py"
    source.write_text(
        "from egov.platform import audit\n"
        "def late():\n"
        "    from egov.producers.records import PRODUCERS\n"
        "    import egov.esign.fee\n"
        "    from egov import certificates\n"
    )
    assert egov_packages(source) == {"platform", "producers", "esign", "certificates"}
    assert violations("esign", [source], SERVICE_EDGES) == ["rules.py imports egov.producers"]
    assert violations(PLATFORM, [source], SERVICE_EDGES) == [
        "rules.py imports egov.certificates",
        "rules.py imports egov.esign",
        "rules.py imports egov.producers",
    ]
