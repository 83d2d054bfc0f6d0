"""Logging in and out: people with a username and password, agency systems with client
credentials, and the brute-force lockout that protects both (G8).

A wrong username and a wrong password are the same 401, and both spend one argon2 verification,
so neither the answer nor its timing tells whether an account exists. After `MAX_FAILURES`
consecutive wrong passwords the account is locked for `LOCK_SECONDS` (423 with the moment it
unlocks). Failures are counted with a conditional update on the count read before (a version
check): of two parallel attempts that read the same count only one write succeeds, the other
re-reads and counts on top of it, so parallel guessing cannot skip the count. Every failure and
the lockout are audit entries of the account, written in the same transaction as the count.

Lockout periods and tokens run on real time, not the demo clock: a faster clock must not shorten
a security period.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from egov.platform import audit, auth, clock, i18n
from egov.platform.problems import Conflict, Forbidden, Locked, Unauthorized
from egov.platform.repository import Transaction

MAX_FAILURES = 5
LOCK_SECONDS = 15 * 60
RACE_RETRIES = 5  # parallel attempts on one account; each retry re-reads the count

i18n.register(
    {
        "auth.busy": {
            "az": "Bu hesaba eyni anda çox sayda giriş cəhdi edilir, bir az sonra yenidən yoxlayın",
            "en": "Too many simultaneous sign-in attempts on this account, try again shortly",
        },
    }
)


class Credentials(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"username": "gunay.aliyeva", "password": "…"}]}
    )

    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class ClientCredentials(BaseModel):
    """OAuth 2.0 client credentials (RFC 6749 §4.4) of an agency system."""

    clientId: str = Field(min_length=1, max_length=128)
    clientSecret: str = Field(min_length=1, max_length=256)


class AccessToken(BaseModel):
    accessToken: str
    tokenType: str = "Bearer"
    expiresIn: int
    expiresAt: str
    userId: str
    role: auth.Role
    agency: str | None = None
    office: str | None = None


class _Raced(Conflict):
    """Another attempt changed the account between our read and our write."""


def _bad_credentials() -> Unauthorized:
    return Unauthorized("auth.bad-credentials", field="password")


def login(credentials: Credentials, source_ip: str | None) -> AccessToken:
    user_id = auth.user_id_of_username(credentials.username)
    return _authenticate(user_id, credentials.password, source_ip, people=True)


def client_token(credentials: ClientCredentials, source_ip: str | None) -> AccessToken:
    user_id = auth.user_id_of_client(credentials.clientId)
    return _authenticate(user_id, credentials.clientSecret, source_ip, people=False)


def logout(caller: auth.Principal) -> None:
    """End every session of the caller's account: all its tokens stop working at once."""
    tx = Transaction()
    auth.end_sessions(
        tx, caller.user_id, expected_session=caller.session, conflict=_Raced("auth.busy")
    )
    audit.record(
        tx,
        f"USER#{caller.user_id}",
        "logout",
        caller.actor,
        owner=caller.user_id,
        before={"session": caller.session},
        after={"session": caller.session + 1},
    )
    try:
        tx.commit()
    except _Raced:
        return  # a parallel logout already ended these sessions


def _authenticate(
    user_id: str | None, secret: str, source_ip: str | None, *, people: bool
) -> AccessToken:
    stored = auth.account(user_id) if user_id else None
    if stored is None or (stored["role"] == "agency") == people:
        auth.password_matches(None, secret)
        raise _bad_credentials()
    _refuse_if_locked(stored)
    if stored["status"] not in ("active", "restricted"):
        auth.password_matches(None, secret)  # pending activation or closed: no login at all
        raise _bad_credentials()
    matches = auth.password_matches(stored.get("passwordHash"), secret)
    for _ in range(RACE_RETRIES):
        try:
            if matches:
                return _succeed(stored)
            _fail(stored, source_ip)
        except _Raced:
            stored = auth.account(stored["userId"]) or stored
            _refuse_if_locked(stored)
    raise Conflict("auth.busy")


def _refuse_if_locked(stored: dict[str, Any]) -> None:
    until = stored.get("lockedUntil")
    if not until or clock.parse(until) <= clock.real_now():
        return
    seconds = math.ceil((clock.parse(until) - clock.real_now()).total_seconds())
    raise Locked(
        "auth.locked",
        params={"minutes": math.ceil(seconds / 60)},
        extra={"lockedUntil": until},
        headers={"Retry-After": str(seconds)},
    )


def _succeed(stored: dict[str, Any]) -> AccessToken:
    if stored["status"] == "restricted":
        raise Forbidden("auth.restricted")
    if stored.get("failedLogins"):
        auth.PLATFORM.update(
            *auth.account_key(stored["userId"]),
            {"failedLogins": 0},
            expected={"failedLogins": stored["failedLogins"]},
            conflict=_Raced("auth.busy"),
        )
    principal = auth.Principal.of(stored)
    issued = clock.real_now()
    return AccessToken(
        accessToken=auth.issue_token(principal),
        expiresIn=auth.TOKEN_SECONDS,
        expiresAt=clock.iso(issued + timedelta(seconds=auth.TOKEN_SECONDS)),
        userId=principal.user_id,
        role=principal.role,
        agency=principal.agency,
        office=principal.office,
    )


def _fail(stored: dict[str, Any], source_ip: str | None) -> None:
    """Count one wrong password (locking at the limit) and raise the caller's answer."""
    user_id = stored["userId"]
    before = int(stored.get("failedLogins", 0))
    failures = before + 1
    locks = failures >= MAX_FAILURES
    until = clock.iso(clock.real_now() + timedelta(seconds=LOCK_SECONDS)) if locks else None
    changes: dict[str, Any] = (
        {"failedLogins": 0, "lockedUntil": until} if locks else {"failedLogins": failures}
    )
    tx = Transaction()
    tx.update(
        auth.PLATFORM,
        *auth.account_key(user_id),
        changes,
        expected={"failedLogins": before, "lockedUntil": stored.get("lockedUntil")},
        conflict=_Raced("auth.busy"),
    )
    anonymous = audit.Actor(id="anonymous", role="anonymous")
    subject = f"USER#{user_id}"
    audit.record(
        tx,
        subject,
        "login-failed",
        anonymous,
        owner=user_id,
        after={"consecutiveFailures": failures, "sourceIp": source_ip},
    )
    if locks:
        audit.record(
            tx,
            subject,
            "account-locked",
            audit.Actor.system("login"),
            owner=user_id,
            after={"lockedUntil": until, "afterFailures": failures},
        )
    tx.commit()
    if locks:
        _refuse_if_locked({"lockedUntil": until})
    raise _bad_credentials()
