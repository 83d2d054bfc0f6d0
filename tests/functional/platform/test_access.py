"""The role × route table (egov.platform.access, docs/access.md) is complete, documented and
true: every route of the template called as every role gets the table's answer, and a refusal
comes before the body is read (issue 10 items 3 and 11, G7, G8)."""

from __future__ import annotations

import collections
import functools
import json
import re

import pytest

from devstack import access_doc
from devstack.events import rest_event
from devstack.template import Template
from egov.platform import access, audit, auth
from tests.conftest import LocalAws
from tests.helpers import SETUP, account

# (role, agency): a citizen, every officer of the demo (ministries, ASAN, an embassy), both
# Centers, the four agencies' systems and the operator; anonymous is the caller with no token.
CALLERS: tuple[tuple[auth.Role, str | None], ...] = (
    ("citizen", None),
    *(("officer", a) for a in ("MKT", "ASAN", "DIN", "XIN", "DTX", "XKX", "EMB-DE")),
    ("center", "EIMZA"),
    ("center", "ASXM"),
    *(("agency", a) for a in ("DIN", "XIN", "DTX", "XKX")),
    ("operator", None),
)
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


@functools.cache
def template_routes() -> dict[str, str]:
    """`METHOD /path` → the function that serves it, from infra/template.yaml."""
    return {
        f"{r.method} {r.path}": f.logical_id
        for f in Template().functions.values()
        for r in f.routes
    }


def test_the_table_holds_every_route_of_the_template_and_no_other() -> None:
    assert set(access.RULES) == set(template_routes())


def test_docs_access_md_is_the_table() -> None:
    assert access_doc.DOC.read_text(encoding="utf-8") == access_doc.render(), (
        "docs/access.md differs from egov.platform.access: run `python -m devstack.access_doc`"
    )


def _path_values(route: str, user_id: str | None, agency: str | None) -> dict[str, str]:
    values = {}
    for name in re.findall(r"{(\w+)}", route):
        if name in ("agency", "embassy"):
            values[name] = agency or "DIN"
        elif name == "subject":
            values[name] = f"USER%23{user_id or 'nobody'}"  # a caller's own trail
        else:
            values[name] = "x"
    return values


def _status(local_aws: LocalAws, route: str, token: str | None, values: dict[str, str]) -> int:
    method, path = route.split(" ", 1)
    concrete = path.format(**values)
    event = rest_event(
        method,
        concrete,
        resource=path,
        # An empty body is invalid for every route that takes one: a refusal must come first.
        body={} if method in WRITES else None,
        headers={"Authorization": f"Bearer {token}"} if token else {},
        path_parameters=values or None,
    )
    response = local_aws.invoke(template_routes()[route], event)
    return int(response["statusCode"])


def _expect(route: str, role: auth.Role | None, agency: str | None, values: dict[str, str]) -> str:
    rule = access.RULES[route]
    if role is None:
        return "allow" if not rule.roles else "401"
    return "allow" if access.admits(rule, role, agency, values) else "403"


def _walk_order(route: str) -> bool:
    """Logout ends every session of the caller: walked last, so other rows keep their tokens."""
    return route == "POST /auth/logout"


def _outcome(status: int) -> str:
    return str(status) if status in (401, 403) else "allow"


def _service(route: str) -> str:
    return route.split(" ", 1)[1].split("/")[1]


# A service with many routes is a test of its own and the few routes of the others one more, so
# that the workers share the table's cells; every test calls the worker's provisioned stack.
_ROUTES = collections.Counter(_service(route) for route in access.RULES)


def _group(route: str) -> str:
    return _service(route) if _ROUTES[_service(route)] >= 10 else "platform"


GROUPS = sorted({_group(route) for route in access.RULES})


@pytest.mark.parametrize("group", GROUPS)
def test_every_route_as_every_role_gets_what_the_table_says(
    local_aws: LocalAws, group: str
) -> None:
    """Each cell of docs/access.md, called: anonymous gets 401 where a token is needed, a role
    the row does not admit 403 (never 422 about a body it should not see), an admitted one
    neither; rows narrowed to the agency in the path also refuse another agency's staff."""
    callers: list[tuple[auth.Role | None, str | None, str | None, str | None]] = [
        (None, None, None, None)
    ]
    for role, agency in CALLERS:
        user_id, token = account(role, agency)
        audit.append(f"USER#{user_id}", "test-account", SETUP, owner=user_id)
        callers.append((role, agency, user_id, token))
    routes = sorted((r for r in access.RULES if _group(r) == group), key=_walk_order)
    wrong: list[str] = []
    checked = 0
    for route in routes:
        rule = access.RULES[route]
        # A public route answers a caller with a token as it answers one without (a signed
        # callback refuses both alike): the token changes nothing there.
        public = _outcome(_status(local_aws, route, None, _path_values(route, None, None)))
        for role, agency, user_id, token in callers:
            values = _path_values(route, user_id, agency)
            cases = [values]
            if rule.own and role in auth.STAFF:
                other = "XKX" if agency != "XKX" else "DIN"
                cases.append({**values, rule.own: other})
            for case in cases:
                expected = public if not rule.roles else _expect(route, role, agency, case)
                got = _outcome(_status(local_aws, route, token, case))
                checked += 1
                if got != expected:
                    wrong.append(f"{route} as {role}/{agency} {case}: {got}, expected {expected}")
    assert not wrong, "\n".join(wrong)
    print(f"{group}: {len(routes)} routes × {len(callers)} callers: {checked} calls")


def test_a_refusal_before_the_body_is_audited_as_the_handler_s_would_be(
    local_aws: LocalAws,
) -> None:
    """G8: a citizen at a Center's route is a refused access attempt on record, and a 403."""
    user_id, token = account("citizen")
    assert _status(local_aws, "POST /certificates/center-compromise", token, {}) == 403
    (entry,) = audit.trail(auth.access_subject(user_id), limit=10).items
    assert entry["action"] == auth.ACCESS_REFUSED
    assert entry["after"]["requiredRoles"] == ["center"]
    assert json.dumps(entry["after"]["path"]) == '"/certificates/center-compromise"'
