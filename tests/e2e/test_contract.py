"""Fuzzing of the OpenAPI contract with schemathesis (G7; DESIGN.md, tests; issue 10).

The schema is the one the running stack publishes at `/openapi.json`. Every operation is called
with generated input, valid and invalid, anonymously; then with a citizen's token (a citizen who
registered through the portal) and with an officer's, each on the routes the role × route table
(egov.platform.access) admits that role to, so the fuzzer reaches past their 401 and 403 (every
other cell of the table is walked by tests/functional/platform/test_access.py). Checks: no request makes the
server fail, answers match their documented content type and schema, invalid input is refused
with a 4xx, and every 4xx is an RFC 9457 problem.

Bounded for CI on two cores: few examples per operation, derandomized (the same requests on every
run, whatever the machine's speed: no deadline), no coverage or stateful phase (both multiply the
requests many times over). The tokens are taken before the anonymous run, whose wrong passwords
at `/auth/login` spend the source address's budget of failed sign-ins.

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
from schemathesis.config import PositiveDataAcceptanceConfig
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from egov.platform import access, auth
from tests.conftest import CEILING
from tests.e2e.conftest import RunningStack
from tests.e2e.test_producers import STAFF_PASSWORD, confirmation, login

# Derandomized: the same cases on every run. No shrinking: a failure names its request (with a
# curl line) already, and shrinking would call the stack again many times.
FUZZ = hypothesis.settings(
    max_examples=4,
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


# Every check schemathesis makes of a single request and its answer. Valid by the schema is not
# acceptable to the registries (an unknown FIN, a document number that is not the person's, a
# draft not yet paid): those refusals are the documented problems below, never 400 (unreadable),
# 405 or 415. The checks of the coverage and stateful phases are not run (module docstring).
ACCEPTED_AS_VALID = ["2xx", "401", "402", "403", "404", "409", "410", "422", "429"]


def valid_data_accepted(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """schemathesis's `positive_data_acceptance`, but for a cursor of the documented form that
    the server never signed: no schema tells a signed cursor from a forged one, and the forged
    one is refused as unreadable (400 `cursor.invalid`, issue 10 item 9)."""
    if response.status_code == 400 and response.json().get("code") == "cursor.invalid":
        return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    valid_data_accepted,
    negative_data_rejection,
    ignored_auth,
    problem_details,
]


@pytest.fixture(scope="session")
def api_schema(stack: RunningStack) -> BaseSchema:
    # schemathesis waits 10 s for an answer by default: a speed assumption a busy machine breaks
    # (the first /openapi.json merges every handler's schema).
    schema = schemathesis.openapi.from_url(f"{stack.api}/openapi.json", timeout=CEILING)
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
        expected_statuses=ACCEPTED_AS_VALID
    )
    # A query parameter no route declares is ignored, as an unknown header is: it reaches no
    # rule and changes nothing. Every declared parameter is still fuzzed with invalid values
    # (a route whose only parameter is a valid enum otherwise "accepts invalid data").
    schema.config.generation.update(allow_extra_parameters=False)
    return schema


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
    role: auth.Role | None = None,
    token: str | None = None,
    skip: frozenset[str] = frozenset(),
) -> int:
    """Each operation in its own subtest, valid input then invalid input: every operation
    anonymously, with a token those whose row of the access table admits `role`. The number
    of operations fuzzed."""
    headers = {"Authorization": f"Bearer {token}"} if token else None
    fuzzed = requests = 0
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            pytest.fail(f"the published schema has an invalid operation: {result.err()}")
        operation = result.ok()
        rule = access.RULES[operation.label]
        if operation.label in skip or (role is not None and role not in rule.roles):
            continue
        fuzzed += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            with subtests.test(msg=f"{operation.label} {mode.value}"):

                @FUZZ
                @hypothesis.given(case=operation.as_strategy(mode))
                def call(case: Case) -> None:
                    nonlocal requests
                    requests += 1
                    case.call_and_validate(
                        base_url=base_url, headers=headers, checks=CHECKS, timeout=CEILING
                    )

                try:
                    call()
                except hypothesis.errors.Unsatisfiable:
                    # Nothing to negate: no parameters, or only strings, which any text is.
                    pytest.skip(f"no invalid request exists for {operation.label}")
    print(f"{role or 'anonymous'}: {fuzzed} operations, {requests} requests")
    return fuzzed


@pytest.fixture(scope="session")
def officer_token(stack: RunningStack) -> str:
    """An officer of the Ministry of Agriculture (docs/demo-accounts.md)."""
    with stack.client() as http:
        return login(http, "mkt.officer", STAFF_PASSWORD)


@pytest.fixture(scope="session")
def tokens(citizen_token: str, officer_token: str) -> dict[auth.Role, str]:
    return {"citizen": citizen_token, "officer": officer_token}


# Logging out ends every session of the caller, the fuzzer's own token included; the anonymous
# run covers the route's input handling.
WITH_TOKEN_SKIP = frozenset({"POST /auth/logout"})


@pytest.mark.parametrize("role", ["citizen", "officer"])
def test_a_signed_in_caller_gets_problems_never_failures(
    api_schema: BaseSchema,
    stack: RunningStack,
    subtests: pytest.Subtests,
    tokens: dict[auth.Role, str],
    role: auth.Role,
) -> None:
    fuzzed = fuzz(api_schema, subtests, stack.api, role, tokens[role], WITH_TOKEN_SKIP)
    assert fuzzed > 10, f"only {fuzzed} operations admit a {role}"


def test_anonymous_callers_get_problems_never_failures(
    api_schema: BaseSchema,
    stack: RunningStack,
    subtests: pytest.Subtests,
    tokens: dict[auth.Role, str],
) -> None:
    """Every operation; the signed-in callers' tokens are taken first (module docstring)."""
    fuzz(api_schema, subtests, stack.api)
