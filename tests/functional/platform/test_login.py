"""Login, lockout, logout and agency client credentials (G8)."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import boto3
import pytest
from argon2 import extract_parameters

from devstack.template import Template
from egov.platform import accounts, audit, auth, aws, clock, login
from egov.platform.problems import Conflict
from egov.platform.repository import Transaction
from tests.conftest import LocalAws, rest_event
from tests.helpers import PASSWORD, SETUP, call, client, log_in, person


def _attempt(
    local_aws: LocalAws, username: str, password: str, source: str = "127.0.0.1"
) -> tuple[int, dict[str, Any], dict[str, str]]:
    return _post(local_aws, "LoginFunction", "/auth/login", source, username, password)


def _token_attempt(
    local_aws: LocalAws, client_id: str, secret: str, source: str = "127.0.0.1"
) -> tuple[int, dict[str, Any], dict[str, str]]:
    return _post(local_aws, "AgencyTokenFunction", "/auth/token", source, client_id, secret)


def _post(
    local_aws: LocalAws, function: str, path: str, source: str, name: str, secret: str
) -> tuple[int, dict[str, Any], dict[str, str]]:
    body = (
        {"username": name, "password": secret}
        if function == "LoginFunction"
        else {"clientId": name, "clientSecret": secret}
    )
    event = rest_event("POST", path, body=body)
    event["requestContext"]["identity"]["sourceIp"] = source
    response = local_aws.invoke(function, event)
    headers = {k: ",".join(v) for k, v in (response.get("multiValueHeaders") or {}).items()}
    return response["statusCode"], json.loads(response["body"]), headers


def _actions(user_id: str) -> list[str]:
    return [e["action"] for e in audit.trail(f"USER#{user_id}", limit=100).items]


def test_login_gives_a_token_with_role_and_expiry(local_aws: LocalAws) -> None:
    """G8: a person logs in with username and password and gets a short-lived token."""
    person("aygun.officer", office="MKT-SHEKI")
    status, body, _ = _attempt(local_aws, "Aygun.Officer", PASSWORD)
    assert status == 200
    assert body["role"] == "officer"
    assert body["agency"] == "MKT"
    assert body["office"] == "MKT-SHEKI"
    assert body["tokenType"] == "Bearer"
    assert body["expiresIn"] == auth.TOKEN_SECONDS
    status, profile, _ = call(local_aws, "GET", "/me", token=body["accessToken"])
    assert status == 200 and profile["username"] == "aygun.officer"


def test_wrong_username_and_wrong_password_are_the_same_401(local_aws: LocalAws) -> None:
    """G8: the answer does not tell whether an account exists."""
    person("rauf.officer")
    unknown = _attempt(local_aws, "nobody.here", PASSWORD)
    wrong = _attempt(local_aws, "rauf.officer", "not the password")
    assert unknown[0] == wrong[0] == 401
    for key in ("type", "title", "detail", "code", "errors"):
        assert unknown[1][key] == wrong[1][key]


def test_bad_input_is_a_422_naming_the_field(local_aws: LocalAws) -> None:
    """G7: a missing password is named, and nothing is counted."""
    user_id = person("leyla.officer")
    status, body, _ = call(local_aws, "POST", "/auth/login", body={"username": "leyla.officer"})
    assert status == 422
    assert [e["field"] for e in body["errors"]] == ["password"]
    assert login._attempts(user_id, "127.0.0.1") == {}


def test_lockout_after_consecutive_failures_then_unlock_after_the_period(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """G8: N wrong passwords from one address lock the account there (423 with the unlock time,
    audited); the right password is refused there while locked and accepted once it passed."""
    user_id = person("murad.officer")
    for attempt in range(1, login.MAX_FAILURES):
        assert _attempt(local_aws, "murad.officer", f"guess {attempt}")[0] == 401
    status, body, headers = _attempt(local_aws, "murad.officer", "last guess")
    assert status == 423
    assert body["lockedUntil"] == login._attempts(user_id, "127.0.0.1")["lockedUntil"]
    assert login.LOCK_SECONDS - 5 <= int(headers["Retry-After"]) <= login.LOCK_SECONDS
    assert _attempt(local_aws, "murad.officer", PASSWORD)[0] == 423
    actions = _actions(user_id)
    assert actions.count("login-failed") == login.MAX_FAILURES
    assert actions.count("account-locked") == 1

    later = clock.real_now() + timedelta(seconds=login.LOCK_SECONDS + 1)
    monkeypatch.setattr(clock, "real_now", lambda: later)
    assert _attempt(local_aws, "murad.officer", PASSWORD)[0] == 200


def test_a_stranger_cannot_lock_the_owner_out(local_aws: LocalAws) -> None:
    """Issue 10 item 1 (G8): failures from one address lock the account for that address only;
    its owner, elsewhere, logs in with the right password at once."""
    person("kamala.owner")
    for attempt in range(login.MAX_FAILURES):
        _attempt(local_aws, "kamala.owner", f"guess {attempt}", source="203.0.113.9")
    assert _attempt(local_aws, "kamala.owner", PASSWORD, source="203.0.113.9")[0] == 423
    assert _attempt(local_aws, "kamala.owner", PASSWORD, source="198.51.100.7")[0] == 200


def test_each_lock_from_the_same_address_lasts_longer(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 item 1 (G8): growing delays, doubling up to the longest lock."""
    person("vusal.officer")
    periods = []
    now = clock.real_now()
    for _ in range(3):
        for attempt in range(login.MAX_FAILURES):
            status, _, headers = _attempt(local_aws, "vusal.officer", f"guess {attempt}")
        assert status == 423
        periods.append(int(headers["Retry-After"]))
        now = now + timedelta(seconds=login.MAX_LOCK_SECONDS + 1)
        monkeypatch.setattr(clock, "real_now", lambda moment=now: moment)
    assert [round(p / login.LOCK_SECONDS) for p in periods] == [1, 2, 4]


def test_failures_are_limited_per_source_address(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 10 item 1 (G8, G7): past the limit every attempt from the address is a 429 problem
    with Retry-After, whatever the account, the right password included; others go on."""
    monkeypatch.setattr(login, "SOURCE_FAILURES", 3)
    person("orxan.one")
    for name in ("nobody.one", "nobody.two", "orxan.one"):
        assert _attempt(local_aws, name, "wrong", source="192.0.2.1")[0] == 401
    status, body, headers = _attempt(local_aws, "orxan.one", PASSWORD, source="192.0.2.1")
    assert status == 429
    assert body["status"] == 429 and body["code"] == "auth.too-many-attempts"
    assert 0 < int(headers["Retry-After"]) <= login.SOURCE_WINDOW
    assert _attempt(local_aws, "orxan.one", PASSWORD, source="192.0.2.2")[0] == 200


def test_an_agency_credential_is_never_locked_and_refusals_alert_the_operator(
    local_aws: LocalAws,
) -> None:
    """Issue 10 item 1 (G3, G8): five bad secrets used to lock xkx-system for 15 minutes, the
    right secret included, and silent consent then approved what the agency meant to refuse.
    Now the right secret always works, and repeated refusals alert the operator, once."""
    user_id = client("xkx-system", "XKX")
    for attempt in range(login.AGENCY_ALERT_FAILURES + 2):
        assert _token_attempt(local_aws, "xkx-system", f"guess {attempt}")[0] == 401
    status, body, _ = _token_attempt(local_aws, "xkx-system", "s3cret-of-the-agency-system")
    assert status == 200 and body["agency"] == "XKX"
    (alert,) = _messages_to("operator@egov.az")
    assert "xkx-system" in json.dumps(alert, ensure_ascii=False, default=str)
    assert _actions(user_id).count("login-failed") == login.AGENCY_ALERT_FAILURES + 2


def _messages_to(address: str) -> list[dict[str, Any]]:
    """Messages queued to an address (tests may scan; request paths never do)."""
    table = boto3.resource("dynamodb").Table(aws.resource_name("PLATFORM_TABLE"))
    return [i for i in table.scan()["Items"] if i.get("sk") == "MESSAGE" and i.get("to") == address]


def test_a_success_resets_the_count(local_aws: LocalAws) -> None:
    """G8: the lockout counts consecutive failures only."""
    user_id = person("nigar.officer")
    for _ in range(login.MAX_FAILURES - 1):
        _attempt(local_aws, "nigar.officer", "wrong")
    log_in(local_aws, "nigar.officer")
    assert login._attempts(user_id, "127.0.0.1") == {}
    assert _attempt(local_aws, "nigar.officer", "wrong again")[0] == 401


def test_parallel_failures_cannot_skip_the_count(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """G8: an attempt that lands while another is verifying its password is counted on top of
    it, not over it (the count is a conditional write on the value read)."""
    user_id = person("samir.officer")
    verify = auth.password_matches
    raced: list[int] = []

    def verify_while_another_attempt_lands(stored_hash: str | None, password: str) -> bool:
        if not raced:
            raced.append(0)
            raced[0] = _attempt(local_aws, "samir.officer", "the other attempt")[0]
        return verify(stored_hash, password)

    monkeypatch.setattr(auth, "password_matches", verify_while_another_attempt_lands)
    assert _attempt(local_aws, "samir.officer", "the first attempt")[0] == 401
    assert raced == [401]
    assert login._attempts(user_id, "127.0.0.1")["failures"] == 2
    counts = [
        e["after"]["consecutiveFailures"]
        for e in audit.trail(f"USER#{user_id}", limit=100).items
        if e["action"] == "login-failed"
    ]
    assert sorted(counts) == [1, 2]


def test_pending_activation_cannot_log_in(local_aws: LocalAws) -> None:
    """G8/P6: an account not yet activated is refused even with the password it chose."""
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=auth.new_user_id(),
        username="pending.citizen",
        password=PASSWORD,
        role="citizen",
        name="Günel Həsənova",
        pending=True,
    )
    tx.commit()
    status, body, _ = _attempt(local_aws, "pending.citizen", PASSWORD)
    assert status == 401 and "accessToken" not in body


def test_logout_kills_every_token_at_once(local_aws: LocalAws) -> None:
    """G8: logout bumps the session counter; all earlier tokens stop working."""
    user_id = person("tural.officer")
    first, second = log_in(local_aws, "tural.officer"), log_in(local_aws, "tural.officer")
    status, _, _ = call(local_aws, "POST", "/auth/logout", token=first)
    assert status == 204
    for token in (first, second):
        assert call(local_aws, "GET", "/me", token=token)[0] == 401
    assert "logout" in _actions(user_id)
    assert call(local_aws, "GET", "/me", token=log_in(local_aws, "tural.officer"))[0] == 200


def test_agency_system_gets_an_agency_token(local_aws: LocalAws) -> None:
    """G3/G8: client credentials give a token of role `agency` with the agency code; the secret
    is stored argon2-hashed."""
    user_id = client("din-system", "DIN")
    stored = auth.account(user_id)
    assert stored is not None and stored["passwordHash"].startswith("$argon2id$")
    status, body, _ = call(
        local_aws,
        "POST",
        "/auth/token",
        body={"clientId": "din-system", "clientSecret": "s3cret-of-the-agency-system"},
    )
    assert status == 200
    assert body["role"] == "agency" and body["agency"] == "DIN"
    wrong = call(
        local_aws, "POST", "/auth/token", body={"clientId": "din-system", "clientSecret": "guessed"}
    )
    assert wrong[0] == 401


def test_people_and_systems_log_in_at_their_own_door(local_aws: LocalAws) -> None:
    """G8: client credentials are not a password login, and a password is not a client secret."""
    client("xin-system", "XIN", secret="s3cret-of-the-agency-system")
    person("xin.officer", agency="XIN")
    assert _attempt(local_aws, "xin-system", "s3cret-of-the-agency-system")[0] == 401
    status, _, _ = call(
        local_aws, "POST", "/auth/token", body={"clientId": "xin.officer", "clientSecret": PASSWORD}
    )
    assert status == 401


def test_staff_accounts_need_their_agency(local_aws: LocalAws) -> None:
    """G7: the account model names the field that is wrong."""
    with pytest.raises(ValueError, match="agency"):
        accounts.NewAccount(
            username="no.agency", password=PASSWORD, role="officer", name="Kamran Əliyev"
        )
    with pytest.raises(ValueError, match="mobile"):
        accounts.NewAccount(
            username="bad.mobile",
            password=PASSWORD,
            role="operator",
            name="Kamran Əliyev",
            mobile="+4915112345678",
        )
    assert accounts.ensure(
        accounts.NewAccount(
            username="twice", password=PASSWORD, role="operator", name="Kamran Əliyev"
        ),
        SETUP,
    ) == accounts.ensure(
        accounts.NewAccount(
            username="twice", password=PASSWORD, role="operator", name="Kamran Əliyev"
        ),
        SETUP,
    )


def _citizen_named(username: str) -> None:
    tx = Transaction()
    auth.add_account(
        tx,
        user_id=auth.new_user_id(),
        username=username,
        password=PASSWORD,
        role="citizen",
        name="İlham Əliyev",
    )
    tx.commit()


@pytest.mark.parametrize("other", ["ılham", "I\u0307LHAM"])
def test_usernames_differing_only_in_azerbaijani_i_letters_are_one_account(
    local_aws: LocalAws, other: str
) -> None:
    """Issue 10 item 14 (P3, G8): dotted and dotless I in either case, composed or not, are the
    same login name, so a second account cannot take it."""
    _citizen_named("Ilham")
    with pytest.raises(Conflict, match=r"auth\.username-taken"):
        _citizen_named(other)


@pytest.mark.parametrize("typed", ["ılham", "ILHAM"])
def test_a_person_logs_in_however_the_keyboard_typed_the_i(local_aws: LocalAws, typed: str) -> None:
    """Issue 10 item 14 (G8): an Azerbaijani or a Latin keyboard, either case, logs in."""
    _citizen_named("İlham")
    assert _attempt(local_aws, typed, PASSWORD)[0] == 200


def test_new_password_hashes_follow_the_configured_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Production keeps argon2id at 64 MiB and 3 passes; the local stack and tests name a cheap
    profile (template parameter PasswordHashProfile), and a stored hash verifies under any."""
    assert Template().parameters["PasswordHashProfile"] == auth.PRODUCTION_HASH_PROFILE
    monkeypatch.delenv(auth.PASSWORD_HASH_PROFILE, raising=False)
    production = auth.hash_password(PASSWORD)
    assert extract_parameters(production).memory_cost == 64 * 1024
    assert extract_parameters(production).time_cost == 3
    monkeypatch.setenv(auth.PASSWORD_HASH_PROFILE, "CHEAPEST")
    assert extract_parameters(auth.hash_password(PASSWORD)).memory_cost == 8
    assert auth.password_matches(production, PASSWORD)
