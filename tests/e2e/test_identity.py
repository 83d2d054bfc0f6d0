"""Login, cabinet and restriction over HTTP against the local stack, with the demo accounts of
docs/demo-accounts.md (G8, A12, G1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.conftest import RunningStack

DOC = Path(__file__).resolve().parents[2] / "docs" / "demo-accounts.md"
PEOPLE_PASSWORD = re.search(r"password is `([^`]+)`", DOC.read_text()).group(1)  # type: ignore[union-attr]


def _rows(heading: str) -> list[list[str]]:
    section = DOC.read_text().split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows]


def _log_in(stack: RunningStack, username: str) -> str:
    with stack.client() as http:
        response = http.post(
            "/auth/login", json={"username": username, "password": PEOPLE_PASSWORD}
        )
    assert response.status_code == 200, response.text
    return str(response.json()["accessToken"])


@pytest.mark.parametrize("row", _rows("## People"), ids=lambda row: row[0])
def test_every_demo_person_logs_in_and_sees_their_profile(
    stack: RunningStack, row: list[str]
) -> None:
    """G8: each documented demo account logs in over HTTP; /me shows its role and agency."""
    username, name, role, agency, office = row[:5]
    with stack.client(_log_in(stack, username)) as http:
        profile = http.get("/me").json()
    assert (profile["username"], profile["name"], profile["role"]) == (username, name, role)
    assert (profile["agency"] or "", profile["office"] or "") == (agency, office)


@pytest.mark.parametrize("row", _rows("## Agency systems"), ids=lambda row: row[0])
def test_every_demo_agency_system_gets_its_agency_token(
    stack: RunningStack, row: list[str]
) -> None:
    """G3/G8: the documented client credentials give a token of role `agency` for its agency."""
    client_id, secret, agency = row[:3]
    with stack.client() as http:
        response = http.post("/auth/token", json={"clientId": client_id, "clientSecret": secret})
    assert response.status_code == 200, response.text
    assert (response.json()["role"], response.json()["agency"]) == ("agency", agency)


def test_wrong_password_is_401_and_bad_input_422(stack: RunningStack) -> None:
    """G8/G7: over HTTP, a wrong password is a problem document; a missing field is named."""
    with stack.client() as http:
        wrong = http.post("/auth/login", json={"username": "din.officer", "password": "nope"})
        missing = http.post("/auth/login", json={"username": "din.officer"})
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["password"]


def test_operator_restricts_at_once_and_reads_the_trail(stack: RunningStack) -> None:
    """A12 + G1: the restriction refuses the officer's existing token at once; the audit trail
    shows it to the operator (subject in the path with `#` encoded), not to another officer
    (G8), and lifting restores access."""
    officer = _log_in(stack, "xkx.officer")
    operator = _log_in(stack, "operator")
    with stack.client(officer) as http:
        user_id = http.get("/me").json()["userId"]
    with stack.client(operator) as http:
        restricted = http.post(
            f"/operator/accounts/{user_id}/restriction", json={"reason": "e2e: breach of rules"}
        )
        assert restricted.status_code == 200
        with stack.client(officer) as as_officer:
            assert as_officer.get("/me").status_code == 403
        lifted = http.delete(f"/operator/accounts/{user_id}/restriction")
        assert lifted.status_code == 200
    with stack.client(_log_in(stack, "dtx.officer")) as http:
        # Another officer's trail is not a DTX officer's business (issue 10 item 3).
        assert http.get(f"/audit/USER%23{user_id}").status_code == 403
    with stack.client(operator) as http:
        trail = http.get(f"/audit/USER%23{user_id}")
    assert trail.status_code == 200, trail.text
    actions = [e["action"] for e in trail.json()["items"]]
    assert actions[:2] == ["access-restriction-lifted", "access-restricted"]
    with stack.client(officer) as http:
        assert http.get("/me").status_code == 200
