"""Fuzzing of the OpenAPI contract with schemathesis (G7; DESIGN.md, tests).

The schema is the one the running stack publishes at `/openapi.json`. Every operation is called
with generated input, valid and invalid, once anonymously and once as a citizen who registered
through the portal, so the fuzzer reaches past the 401 of the citizen's own routes. Checks: no
request makes the server fail, answers match their documented content type and schema, invalid
input is refused with a 4xx, and every 4xx is an RFC 9457 problem.

Bounded for CI on two cores (about a minute and a half): few examples per operation,
derandomized, no coverage or stateful phase (both multiply the requests many times over).

Operations are driven from the loaded schema with `operation.as_strategy`, one subtest each,
rather than with `schemathesis.pytest.from_fixture`: its lazy loader rewrites the pytest node's
`_nodeid`, which pytest 9 no longer has (AttributeError before any request).
"""

from __future__ import annotations

from typing import Any

import hypothesis
import hypothesis.errors
import pytest
import schemathesis
from schemathesis import BaseSchema, Case, CheckContext, GenerationMode, Response
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from tests.e2e.conftest import RunningStack
from tests.e2e.test_producers import confirmation, login

# Derandomized: the same cases on every run. No shrinking: a failure names its request (with a
# curl line) already, and shrinking would call the stack again many times.
FUZZ = hypothesis.settings(
    max_examples=8,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
    suppress_health_check=list(hypothesis.HealthCheck),
)
PROBLEM_MEMBERS = ("type", "title", "status", "detail")
FUZZ_CITIZEN = {  # docs/simulators.md: a person and a line no other e2e test registers
    "fin": "5ZK8M2P",
    "mobile": "+994501234567",
    "username": "fuzz.citizen",
    "password": "Fuzz-kontrakt-2026",
}


def problem_details(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Every refusal is an RFC 9457 problem with its four members (G7)."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/problem+json"), (
        f"{response.status_code} answered as {content_type!r}, not application/problem+json"
    )
    body = response.json()
    missing = [member for member in PROBLEM_MEMBERS if member not in body]
    assert not missing, f"problem without {missing}: {body}"
    assert body["status"] == response.status_code, body
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    problem_details,
]


@pytest.fixture(scope="session")
def api_schema(stack: RunningStack) -> BaseSchema:
    return schemathesis.openapi.from_url(f"{stack.api}/openapi.json")


@pytest.fixture(scope="session")
def citizen_token(stack: RunningStack) -> str:
    """A citizen registered through the portal (P1), so their own routes have data."""
    person = FUZZ_CITIZEN
    with stack.client() as http:
        code = confirmation(http, stack, person["fin"], person["mobile"])
        registration: dict[str, Any] = {
            "kind": "potential-producer",
            "personKind": "natural",
            "fin": person["fin"],
            "username": person["username"],
            "password": person["password"],
            "mobile": person["mobile"],
            **code,
        }
        created = http.post("/producers", json=registration)
        assert created.status_code == 201, created.text
        return login(http, person["username"], person["password"])


def fuzz(
    schema: BaseSchema,
    subtests: pytest.Subtests,
    base_url: str,
    headers: dict[str, str] | None = None,
    skip: frozenset[str] = frozenset(),
) -> None:
    """Each operation in its own subtest, valid input then invalid input."""
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            pytest.fail(f"the published schema has an invalid operation: {result.err()}")
        operation = result.ok()
        if operation.label in skip:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            with subtests.test(msg=f"{operation.label} {mode.value}"):

                @FUZZ
                @hypothesis.given(case=operation.as_strategy(mode))
                def call(case: Case) -> None:
                    case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

                try:
                    call()
                except hypothesis.errors.Unsatisfiable:
                    # Nothing to negate: no parameters, or only strings, which any text is.
                    pytest.skip(f"no invalid request exists for {operation.label}")


def test_anonymous_callers_get_problems_never_failures(
    api_schema: BaseSchema, stack: RunningStack, subtests: pytest.Subtests
) -> None:
    fuzz(api_schema, subtests, stack.api)


def test_a_citizen_gets_problems_never_failures(
    api_schema: BaseSchema, stack: RunningStack, subtests: pytest.Subtests, citizen_token: str
) -> None:
    # Logging out ends every session of the caller, the fuzzer's own token included; the
    # anonymous run covers the route's input handling.
    fuzz(
        api_schema,
        subtests,
        stack.api,
        headers={"Authorization": f"Bearer {citizen_token}"},
        skip=frozenset({"POST /auth/logout"}),
    )
