"""Identity (G8): accounts, passwords, access tokens, roles and the checks routes make.

Passwords are hashed with argon2id. Access tokens are short-lived JWTs signed with a key from
Secrets Manager; they carry the account's role and, for officers and agency systems, the
agency (and office) they act for. Every check reads the account's current state, so an operator's
restriction (A12) or a password change takes effect on the next request, not at token expiry,
and a bumped session counter (logout) kills every token of the account at once.

People log in with a username (guard `USERNAME#<name>`); agency systems with a client id and
secret (guard `CLIENT#<id>`, the secret argon2-hashed like a password). Both are accounts under
`USER#<id>`, so the checks below treat them alike. A refused access attempt is an audit entry
under `ACCESS#<user id>`, the trail the operator reads before restricting an account (G8, A12).

An account's lifecycle after creation is here too, as parts of the caller's transaction (the
caller adds its own records and audit entry to the same one): `activate` (the first password of
an account made without one), `set_password` and `end_sessions` (both bump the session counter,
so every token issued before dies), `change_contact` (the account's copy of e-mail and mobile)
and `close` (the account can never log in again and its login name is released for another
person; services keep their own records of the person, see docs/producers.md).
"""

from __future__ import annotations

import functools
import os
import time
import unicodedata
import uuid
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from egov.platform import audit, clock, i18n, secrets
from egov.platform.problems import Conflict, Forbidden, NotFound, Problem, Unauthorized
from egov.platform.repository import Table, Transaction

# jwt (with cryptography) and argon2 load where a token or a password is handled, not with every
# function that imports this module (issue 18): registration is anonymous. The HTTP resolver is a
# type only: queue and workflow consumers import this module for `Principal` and must not pay for
# Powertools' whole event_handler package.
if TYPE_CHECKING:
    from argon2 import PasswordHasher
    from aws_lambda_powertools.event_handler import APIGatewayRestResolver

Role = Literal["citizen", "officer", "operator", "agency", "center"]
Status = Literal["active", "pending-activation", "restricted", "closed"]
ROLES: tuple[Role, ...] = ("citizen", "officer", "operator", "agency", "center")
STAFF: tuple[Role, ...] = ("officer", "center", "agency")
"""The roles that act for an agency (the `agency` of their account)."""
TOKEN_SECONDS = 15 * 60
ISSUER = "egov.az"

PLATFORM = Table("PLATFORM_TABLE")

i18n.register(
    {
        "account.not-found": {"az": "Hesab tapılmadı", "en": "No such account"},
        "account.changed": {
            "az": "Hesab eyni vaxtda dəyişdirilib, yenidən yoxlayın",
            "en": "The account changed meanwhile, please try again",
        },
        "auth.client-taken": {
            "az": "Bu müştəri identifikatoru artıq istifadə olunur",
            "en": "This client id is already in use",
        },
    }
)
PASSWORD_HASH_PROFILE = "PASSWORD_HASH_PROFILE"
PRODUCTION_HASH_PROFILE = "RFC_9106_LOW_MEMORY"  # argon2id, 64 MiB, 3 passes
ACCESS_REFUSED = "access-refused"


@dataclass(frozen=True)
class Principal:
    user_id: str
    role: Role
    agency: str | None = None
    office: str | None = None
    name: str | None = None
    session: int = 0

    @property
    def actor(self) -> audit.Actor:
        return audit.Actor(id=self.user_id, role=self.role)

    @classmethod
    def of(cls, stored: dict[str, Any]) -> Principal:
        """The principal a token issued now for the stored account carries."""
        return cls(
            user_id=stored["userId"],
            role=stored["role"],
            agency=stored.get("agency"),
            office=stored.get("office"),
            name=stored.get("name"),
            session=stored.get("session", 0),
        )


def account_key(user_id: str) -> tuple[str, str]:
    return f"USER#{user_id}", "ACCOUNT"


# Azerbaijani pairs dotted İ/i and dotless I/ı, which Unicode's default folding does not; and a
# keyboard without the Azerbaijani layout types ı as i. So all four are one letter in a login name.
_AZ_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


def login_name_key(name: str) -> str:
    """The form in which login names are compared and held unique: NFC, every I-letter the same,
    then case-folded ("Ilham", "ılham", "İlham" and "ilham" are one name)."""
    return unicodedata.normalize("NFC", name.strip()).translate(_AZ_I).casefold()


def username_guard(username: str) -> str:
    return f"USERNAME#{login_name_key(username)}"


def client_guard(client_id: str) -> str:
    return f"CLIENT#{client_id.casefold()}"


def access_subject(user_id: str) -> str:
    """The audit subject of a user's refused access attempts (G8)."""
    return f"ACCESS#{user_id}"


def _profile() -> str:
    """The argon2-cffi profile new hashes use (template parameter `PasswordHashProfile`). The
    local stack and the tests name `CHEAPEST`: they prove rules, not the cost of guessing.
    A stored hash carries its own parameters, so it verifies under any profile."""
    return os.environ.get(PASSWORD_HASH_PROFILE, PRODUCTION_HASH_PROFILE)


@functools.cache
def _hasher(profile: str) -> PasswordHasher:
    from argon2 import PasswordHasher, profiles

    return PasswordHasher.from_parameters(getattr(profiles, profile))


def hash_password(password: str) -> str:
    return _hasher(_profile()).hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Whether `password` fits; without a hash it still spends a verification's time, so that
    an unknown username or an account without a password cannot be told apart by timing."""
    from argon2.exceptions import InvalidHashError, VerificationError

    profile = _profile()
    try:
        matches = _hasher(profile).verify(stored_hash or _decoy_hash(profile), password)
        return matches and bool(stored_hash)
    except (VerificationError, InvalidHashError):
        return False


@functools.cache
def _decoy_hash(profile: str) -> str:
    return _hasher(profile).hash(uuid.uuid4().hex)


def new_user_id() -> str:
    return uuid.uuid4().hex


def add_account(
    tx: Transaction,
    *,
    user_id: str,
    username: str,
    password: str | None,
    role: Role,
    name: str,
    agency: str | None = None,
    office: str | None = None,
    email: str | None = None,
    mobile: str | None = None,
    language: str = "az",
    pending: bool = False,
) -> dict[str, Any]:
    """Put a login account and its username guard into the caller's transaction.

    `password=None` creates an account that must be activated (P6: the person sets a password
    from the activation notice); so does `pending=True` when the password is chosen up front
    but a confirmation is still due. Neither can log in until activated.
    """
    pk, sk = account_key(user_id)
    item: dict[str, Any] = {
        "pk": pk,
        "sk": sk,
        "userId": user_id,
        "username": unicodedata.normalize("NFC", username.strip()),
        "role": role,
        "name": name,
        "agency": agency,
        "office": office,
        "email": email,
        "mobile": mobile,
        "language": language,
        "passwordHash": hash_password(password) if password else None,
        "status": "active" if password and not pending else "pending-activation",
        "session": 0,
        "createdAt": clock.now_iso(),
    }
    tx.put(PLATFORM, item)
    tx.guard(PLATFORM, username_guard(username), user_id, username_conflict())
    return item


def username_conflict() -> Conflict:
    return Conflict("auth.username-taken", field="username")


def username_taken(username: str) -> bool:
    """One read, so that a refused registration need not pay for hashing a password first;
    the guard in the transaction still decides a race."""
    return PLATFORM.get(username_guard(username), "GUARD") is not None


def add_client(
    tx: Transaction, *, user_id: str, client_id: str, secret: str, agency: str, name: str
) -> dict[str, Any]:
    """Put an agency system's credentials (role `agency`) and the client id's guard into `tx`."""
    pk, sk = account_key(user_id)
    item: dict[str, Any] = {
        "pk": pk,
        "sk": sk,
        "userId": user_id,
        "clientId": client_id,
        "role": "agency",
        "name": name,
        "agency": agency,
        "passwordHash": hash_password(secret),
        "status": "active",
        "session": 0,
        "createdAt": clock.now_iso(),
    }
    tx.put(PLATFORM, item)
    tx.guard(
        PLATFORM, client_guard(client_id), user_id, Conflict("auth.client-taken", field="clientId")
    )
    return item


def account(user_id: str) -> dict[str, Any] | None:
    return PLATFORM.get(*account_key(user_id))


def _guarded_user(guard: str) -> str | None:
    found = PLATFORM.get(guard, "GUARD")
    return str(found["owner"]) if found else None


def user_id_of_username(username: str) -> str | None:
    return _guarded_user(username_guard(username))


def user_id_of_client(client_id: str) -> str | None:
    return _guarded_user(client_guard(client_id))


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
"""A contact field that `change_contact` leaves as it is."""


def _changed(conflict: Problem | None) -> Problem:
    return conflict or Conflict("account.changed", field="userId")


def activate(
    tx: Transaction, user_id: str, password: str, *, conflict: Problem | None = None
) -> None:
    """Give an account made without a password (P6) its first one and let it log in.

    Only while the account is `pending-activation`; otherwise the transaction fails with
    `conflict` (default 409 `account.changed`).
    """
    tx.update(
        PLATFORM,
        *account_key(user_id),
        {"passwordHash": hash_password(password), "status": "active"},
        expected={"status": "pending-activation"},
        conflict=_changed(conflict),
    )


def set_password(
    tx: Transaction,
    user_id: str,
    password: str,
    *,
    expected_session: int,
    conflict: Problem | None = None,
) -> None:
    """Replace the password and end every session, so tokens issued before die at once (G8).

    `expected_session` is the session counter the caller read when it checked the old
    password: a logout or another change in between fails the transaction with `conflict`.
    """
    tx.update(
        PLATFORM,
        *account_key(user_id),
        {"passwordHash": hash_password(password), "session": expected_session + 1},
        expected={"session": expected_session},
        conflict=_changed(conflict),
    )


def end_sessions(
    tx: Transaction, user_id: str, *, expected_session: int, conflict: Problem | None = None
) -> None:
    """Bump the session counter: every token of the account stops working at once."""
    tx.update(
        PLATFORM,
        *account_key(user_id),
        {"session": expected_session + 1},
        expected={"session": expected_session},
        conflict=_changed(conflict),
    )


def change_contact(
    tx: Transaction,
    user_id: str,
    *,
    email: str | _Keep | None = KEEP,
    mobile: str | _Keep | None = KEEP,
    language: str | _Keep = KEEP,
    conflict: Problem | None = None,
) -> None:
    """Update the account's e-mail, mobile and/or the language of its notices (`None` removes
    e-mail or mobile, `KEEP` leaves a value)."""
    given = {"email": email, "mobile": mobile, "language": language}
    changes = {name: value for name, value in given.items() if isinstance(value, str)}
    removed = tuple(name for name, value in given.items() if value is None)
    if not changes and not removed:
        return
    tx.update(PLATFORM, *account_key(user_id), changes, remove=removed, conflict=_changed(conflict))


def close(
    tx: Transaction, user_id: str, *, expected_session: int, conflict: Problem | None = None
) -> None:
    """Close the account for good: no login, every session ended, its login name released.

    The username (or an agency system's client id) is free for another person at once
    (docs/producers.md, deregistration rule); the account item stays, `closed`, for the audit.
    `expected_session` is the counter the caller read when it checked the person's password.
    """
    stored = account(user_id)
    if stored is None:
        raise NotFound("account.not-found", field="userId")
    tx.update(
        PLATFORM,
        *account_key(user_id),
        {"status": "closed", "session": expected_session + 1},
        expected={"session": expected_session},
        conflict=_changed(conflict),
    )
    if stored.get("username"):
        tx.release(PLATFORM, username_guard(stored["username"]), user_id)
    if stored.get("clientId"):
        tx.release(PLATFORM, client_guard(stored["clientId"]), user_id)


def issue_token(principal: Principal) -> str:
    issued = int(time.time())  # tokens live in real time, whatever the demo clock does
    claims = {
        "iss": ISSUER,
        "sub": principal.user_id,
        "role": principal.role,
        "agency": principal.agency,
        "office": principal.office,
        "name": principal.name,
        "ses": principal.session,
        "iat": issued,
        "exp": issued + TOKEN_SECONDS,
        "jti": uuid.uuid4().hex,
    }
    import jwt

    return jwt.encode(claims, secrets.secret("TOKEN_KEY_SECRET"), algorithm="HS256")


def _bearer(app: APIGatewayRestResolver) -> str | None:
    headers = {k.lower(): v for k, v in (app.current_event.headers or {}).items()}
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def principal(app: APIGatewayRestResolver) -> Principal:
    """The caller, from a valid token of an account that is still allowed in (else 401/403)."""
    # The stored account, not the token, says what the caller may do now.
    return Principal.of(caller_account(app))


def caller_account(app: APIGatewayRestResolver) -> dict[str, Any]:
    """The caller's stored account, once the token and the account's state allow the call.

    Read once per request: the HTTP glue admits the caller before the handler asks again.
    """
    admitted = app.context.get(_ADMITTED)
    if admitted is not None:
        return dict(admitted)
    stored = _checked_account(app)
    app.append_context(**{_ADMITTED: stored})
    return stored


_ADMITTED = "egov.caller-account"


def _checked_account(app: APIGatewayRestResolver) -> dict[str, Any]:
    import jwt

    token = _bearer(app)
    if not token:
        raise Unauthorized("auth.token-invalid", headers={"WWW-Authenticate": "Bearer"})
    try:
        claims = jwt.decode(
            token,
            secrets.secret("TOKEN_KEY_SECRET"),
            algorithms=["HS256"],
            issuer=ISSUER,
            options={"require": ["exp", "sub", "role"]},
        )
    except jwt.PyJWTError as bad:
        raise Unauthorized("auth.token-invalid", headers={"WWW-Authenticate": "Bearer"}) from bad
    stored = account(claims["sub"])
    if (
        not stored
        or stored.get("session", 0) != claims.get("ses", 0)
        or stored["status"] == "closed"
    ):
        raise Unauthorized("auth.token-invalid", headers={"WWW-Authenticate": "Bearer"})
    if stored["status"] == "restricted":
        raise Forbidden("auth.restricted")
    return stored


def require(app: APIGatewayRestResolver, *roles: Role, agency: str | None = None) -> Principal:
    """The caller if they have one of `roles` (and act for `agency`), else 403, logged (G8)."""
    caller = principal(app)
    if caller.role not in roles or (agency is not None and caller.agency != agency):
        refuse(app, caller, roles, agency)
    return caller


def refuse(
    app: APIGatewayRestResolver,
    caller: Principal,
    roles: tuple[Role, ...],
    agency: str | tuple[str, ...] | None,
) -> NoReturn:
    """Record the caller's refused access attempt (G8, A12) and answer 403."""
    audit.append(
        access_subject(caller.user_id),
        ACCESS_REFUSED,
        caller.actor,
        owner=caller.user_id,
        after={
            "path": app.current_event.path,
            "method": app.current_event.http_method,
            "role": caller.role,
            "agency": caller.agency,
            "requiredRoles": list(roles),
            "requiredAgency": list(agency) if isinstance(agency, tuple) else agency,
        },
    )
    raise Forbidden("auth.role-required")
