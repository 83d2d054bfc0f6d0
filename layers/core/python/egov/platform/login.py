"""Logging in and out: people with a username and password, agency systems with client
credentials, and the limits that slow guessing without letting anyone lock out someone else (G8).

A wrong username and a wrong password are the same 401, and both spend one argon2 verification,
so neither the answer nor its timing tells whether an account exists.

Three limits, none of which a stranger can turn against an account's owner (issue 10 item 1):
- per source address: past `SOURCE_FAILURES` failed attempts in `SOURCE_WINDOW` seconds, every
  attempt from that address is a 429 with `Retry-After` until the window ends;
- a person's account per source: `MAX_FAILURES` consecutive wrong passwords from one address
  lock the account *for that address only* (423 with the moment it unlocks), for a period that
  doubles with each lock (`LOCK_SECONDS` up to `MAX_LOCK_SECONDS`); the owner elsewhere logs in;
- an agency system's credential is never locked: the right secret always works. Its refused
  attempts are an incident, not silence: `AGENCY_ALERT_FAILURES` of them in `SOURCE_WINDOW`
  seconds alert the operator by e-mail once per window.

Failures of one account and source are counted with a conditional write on the count read before
(a version check): of two parallel attempts that read the same count only one write succeeds, the
other re-reads and counts on top of it. Every failure and lock is an audit entry of the account,
written in the same transaction as the count. A lock is no judgement on the account: sessions the
owner already has go on (the operator's restriction and closing end them, egov.platform.auth).

These periods run on real time, not the demo clock: a faster clock must not shorten them.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from egov.platform import audit, auth, aws, clock, i18n, ratelimit
from egov.platform.problems import Conflict, Forbidden, Locked, Unauthorized
from egov.platform.repository import Transaction

MAX_FAILURES = 5
LOCK_SECONDS = 60
MAX_LOCK_SECONDS = 15 * 60
SOURCE_FAILURES = 20
SOURCE_WINDOW = 15 * 60
AGENCY_ALERT_FAILURES = 5
RACE_RETRIES = 5  # parallel attempts on one account; each retry re-reads the count

i18n.register(
    {
        "auth.busy": {
            "az": "Bu hesaba eyni anda çox sayda giriş cəhdi edilir, bir az sonra yenidən yoxlayın",
            "en": "Too many simultaneous sign-in attempts on this account, try again shortly",
        },
        "auth.too-many-attempts": {
            "az": "Bu ünvandan çox sayda uğursuz giriş cəhdi: {seconds} saniyədən sonra yoxlayın",
            "en": "Too many failed sign-in attempts from this address: try again in {seconds} s",
        },
        "notice.agency-credential-refused.title": {
            "az": "Qurumun sistem hesabına uğursuz giriş cəhdləri",
            "en": "Refused sign-in attempts on an agency system's credential",
        },
        "notice.agency-credential-refused.body": {
            "az": "{agency} qurumunun «{clientId}» müştəri identifikatoru ilə {count} uğursuz "
            "cəhd edilib (son mənbə: {sourceIp}). Qurumla əlaqə saxlayın: daxil ola bilməyən "
            "qurum gözləyən qərarlarına cavab verə bilmir.",
            "en": "{count} refused attempts with {agency}'s client id “{clientId}” (last "
            "source: {sourceIp}). Contact the agency: one that cannot sign in cannot answer "
            "its pending decisions.",
        },
    }
)


class Credentials(BaseModel):
    model_config = ConfigDict(
        defer_build=True,
        json_schema_extra={"examples": [{"username": "gunay.aliyeva", "password": "…"}]},
    )

    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=256)


class ClientCredentials(BaseModel):
    """OAuth 2.0 client credentials (RFC 6749 §4.4) of an agency system."""

    model_config = ConfigDict(defer_build=True)

    clientId: str = Field(min_length=1, max_length=128)
    clientSecret: str = Field(min_length=1, max_length=256)


class AccessToken(BaseModel):
    model_config = ConfigDict(defer_build=True)

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
    source = source_ip or "unknown"
    _refuse_busy_source(source)
    stored = auth.account(user_id) if user_id else None
    if stored is None or (stored["role"] == "agency") == people:
        auth.password_matches(None, secret)
        _count_source_failure(source)
        raise _bad_credentials()
    attempts = _attempts(stored["userId"], source) if people else {}
    _refuse_if_locked(attempts)
    if stored["status"] not in ("active", "restricted"):
        auth.password_matches(None, secret)  # pending activation or closed: no login at all
        _count_source_failure(source)
        raise _bad_credentials()
    if auth.password_matches(stored.get("passwordHash"), secret):
        return _succeed(stored, attempts)
    _count_source_failure(source)
    if not people:
        _refuse_system(stored, source)
    for _ in range(RACE_RETRIES):
        try:
            _fail(stored, source, attempts)
        except _Raced:
            attempts = _attempts(stored["userId"], source)
            _refuse_if_locked(attempts)
    raise Conflict("auth.busy")


def _source_subject(source: str) -> str:
    return f"LOGIN-SOURCE#{source}"


def _refuse_busy_source(source: str) -> None:
    ratelimit.refuse_if_spent(
        auth.PLATFORM,
        _source_subject(source),
        limit=SOURCE_FAILURES,
        window_seconds=SOURCE_WINDOW,
        key="auth.too-many-attempts",
    )


def _count_source_failure(source: str) -> None:
    ratelimit.count(
        auth.PLATFORM, _source_subject(source), window_seconds=SOURCE_WINDOW, keep=SOURCE_FAILURES
    )


def _attempts_key(user_id: str, source: str) -> tuple[str, str]:
    return f"LOGIN-ATTEMPTS#{user_id}#{source}", "ATTEMPTS"


def _attempts(user_id: str, source: str) -> dict[str, Any]:
    """The account's failures and locks from one source ({} if none)."""
    return auth.PLATFORM.get(*_attempts_key(user_id, source)) or {}


def _refuse_if_locked(attempts: dict[str, Any]) -> None:
    until = attempts.get("lockedUntil")
    if not until or clock.parse(until) <= clock.real_now():
        return
    seconds = math.ceil((clock.parse(until) - clock.real_now()).total_seconds())
    raise Locked(
        "auth.locked",
        params={"minutes": math.ceil(seconds / 60)},
        extra={"lockedUntil": until},
        headers={"Retry-After": str(seconds)},
    )


def _succeed(stored: dict[str, Any], attempts: dict[str, Any]) -> AccessToken:
    if stored["status"] == "restricted":
        raise Forbidden("auth.restricted")
    if attempts:
        auth.PLATFORM.delete(attempts["pk"], attempts["sk"])
    return access_token(stored)


def access_token(stored: dict[str, Any]) -> AccessToken:
    """A session for the stored account, however its holder proved who they are (a password
    here, a mobile signature in egov.platform.mobile_id)."""
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


def _fail(stored: dict[str, Any], source: str, attempts: dict[str, Any]) -> None:
    """Count one wrong password from `source` (locking it out at the limit) and raise the
    caller's answer."""
    user_id = stored["userId"]
    before = int(attempts.get("failures", 0))
    failures = before + 1
    locking = failures >= MAX_FAILURES
    locks = int(attempts.get("locks", 0)) + (1 if locking else 0)
    seconds = min(LOCK_SECONDS * 2 ** max(locks - 1, 0), MAX_LOCK_SECONDS)
    until = clock.iso(clock.real_now() + timedelta(seconds=seconds)) if locking else None
    pk, sk = _attempts_key(user_id, source)
    changes: dict[str, Any] = {
        "failures": 0 if locking else failures,
        "locks": locks,
        # The table's TTL forgets a source once its last lock is long over.
        "expiresAt": int(clock.real_now().timestamp()) + 2 * MAX_LOCK_SECONDS,
    }
    if until:
        changes["lockedUntil"] = until
    tx = Transaction()
    if attempts:
        tx.update(
            auth.PLATFORM,
            pk,
            sk,
            changes,
            expected={"failures": before, "locks": attempts.get("locks", 0)},
            conflict=_Raced("auth.busy"),
        )
    else:
        tx.put(auth.PLATFORM, {"pk": pk, "sk": sk, **changes}, conflict=_Raced("auth.busy"))
    anonymous = audit.Actor(id="anonymous", role="anonymous")
    subject = f"USER#{user_id}"
    audit.record(
        tx,
        subject,
        "login-failed",
        anonymous,
        owner=user_id,
        after={"consecutiveFailures": failures, "sourceIp": source},
    )
    if locking:
        audit.record(
            tx,
            subject,
            "account-locked",
            audit.Actor.system("login"),
            owner=user_id,
            after={"lockedUntil": until, "afterFailures": failures, "sourceIp": source},
        )
    tx.commit()
    if locking:
        _refuse_if_locked({"lockedUntil": until})
    raise _bad_credentials()


def _refuse_system(stored: dict[str, Any], source: str) -> None:
    """A wrong secret for an agency system: on record, the operator alerted at the threshold,
    and never a lock (the agency's own system must always get in with the right secret)."""
    user_id = stored["userId"]
    audit.append(
        f"USER#{user_id}",
        "login-failed",
        audit.Actor(id="anonymous", role="anonymous"),
        owner=user_id,
        after={"sourceIp": source},
    )
    # Counting one past the threshold: the alarm is raised when the count rises to it, not again
    # for every refusal while it stays above.
    refused = ratelimit.count(
        auth.PLATFORM,
        f"CLIENT-REFUSED#{user_id}",
        window_seconds=SOURCE_WINDOW,
        keep=AGENCY_ALERT_FAILURES + 1,
    )
    if refused == AGENCY_ALERT_FAILURES:
        # Imported here: the notices (adapters, outbox) are needed only for this alarm, and
        # every other login and logout would load them at cold start.
        from egov.platform import notify

        # The alarm alone is the change: its messages and their queueing commit together.
        alarm = Transaction()
        notify.send_to_address(
            "notice.agency-credential-refused",
            {
                "agency": stored["agency"],
                "clientId": stored["clientId"],
                "count": refused,
                "sourceIp": source,
            },
            email=aws.resource_name("OPERATOR_ALERT_EMAIL"),
            language="en",
            tx=alarm,
        )
        alarm.commit()
    raise _bad_credentials()
