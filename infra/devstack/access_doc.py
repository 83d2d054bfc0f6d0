"""docs/access.md from the role × route table (egov.platform.access): `python -m
devstack.access_doc` writes it; tests/functional/platform/test_access.py fails while the two differ."""

from __future__ import annotations

from pathlib import Path

from egov.platform import access, auth

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
COLUMNS: tuple[auth.Role, ...] = ("citizen", "officer", "center", "agency", "operator")

HEAD = """# Who may call what (G8)

Generated from `layers/core/python/egov/platform/access.py` by `python -m devstack.access_doc`;
`tests/functional/platform/test_access.py` fails while this page and the table differ, checks that the table
holds every route of `infra/template.yaml`, and calls every route as every role (anonymous, a
citizen, the officers of MKT, ASAN, DIN, XIN, DTX, XKX and an embassy, both Centers, the four
agencies' systems, the operator) expecting the cell below.

The HTTP glue applies the table before it reads the body: a route that needs a token answers
401 without one and 403 to a role it does not admit (the refusal is audited under
`ACCESS#<user id>`), never 422. ✓ admits every account of the role; an agency code admits only
staff of that agency; own `x` only staff of the agency named by the path parameter `x`; —
refuses. The last column is what the handler checks further within an admitted role.

| Route | anonymous | citizen | officer | center | agency | operator | Further |
|---|---|---|---|---|---|---|---|
"""


def cell(rule: access.Rule, role: auth.Role) -> str:
    if rule.roles and role not in rule.roles:
        return "—"
    if rule.roles and role in auth.STAFF and rule.agencies:
        return ", ".join(rule.agencies)
    if rule.roles and role in auth.STAFF and rule.own:
        return f"own `{rule.own}`"
    return "✓"


def render() -> str:
    rows = []
    for route, rule in access.RULES.items():
        anonymous = "—" if rule.roles else "✓"
        cells = " | ".join(cell(rule, role) for role in COLUMNS)
        rows.append(f"| `{route}` | {anonymous} | {cells} | {rule.narrowed} |")
    return HEAD + "\n".join(rows) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
