"""Mobile ownership and possession (P3): the operators' registry, then an SMS one-time code.

A number is accepted only if the mobile operators' registry says it belongs to the registrant
(for a legal entity, to its head) and the subscription is active. The code then proves the
person holds the phone. Codes live 5 minutes of *real* time (like access tokens, whatever the
demo clock does), allow 5 wrong tries, and are stored only as a salted SHA-256: a six-digit code
is protected by its short life and the attempt limit, the hash keeps it out of plain sight in
the table and its backups. A confirmation is bound to its number and owner and used once; the
registration that uses it marks it in its own transaction. A number gets at most
`SmsCodesPerNumber` (5) codes in 10 minutes of real time: enough for typing mistakes, too few
to flood a phone or the SMS bill.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
import uuid

from egov.platform import adapters, aws, clock, i18n, notify, ratelimit
from egov.platform.problems import Conflict, Invalid, NotFound
from egov.platform.repository import Transaction
from egov.producers import check
from egov.producers.models import MobileConfirmation, MobileConfirmationRequest
from egov.producers.records import PRODUCERS, Confirmation, mobile_guard

CODE_SECONDS = 300
MAX_ATTEMPTS = 5
CODE_WINDOW_SECONDS = 600
SK = "CONFIRMATION"


def _key(confirmation_id: str) -> str:
    return f"MOBILECONF#{confirmation_id}"


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def ensure_owner(mobile: str, fin: str, field: str = "mobile") -> None:
    """The operators' registry must name `fin` as the holder of an active `mobile` (P3)."""
    subscription = adapters.mobile_registry().subscription(mobile, field=field)
    if subscription.owner_fin != fin:
        raise Invalid("producers.mobile.not-owner", field=field)
    if subscription.status != "active":
        raise Invalid("producers.mobile.inactive", field=field)


def ensure_free(mobile: str, field: str = "mobile") -> None:
    """Refuse early a number another producer holds; the transaction's guard is the real check."""
    if PRODUCERS.get(mobile_guard(mobile), "GUARD"):
        raise Conflict("producers.mobile-taken", field=field)


def send_code(mobile: str, owner_fin: str, language: i18n.Lang, purpose: str) -> MobileConfirmation:
    """Store a fresh code for `mobile` (already checked) and text it; the confirmation."""
    ratelimit.take(
        PRODUCERS,
        f"SMSCODE#{mobile}",
        limit=int(aws.resource_name("SMS_CODES_PER_WINDOW")),
        window_seconds=CODE_WINDOW_SECONDS,
        key="producers.sms-code.rate-limited",
        field="mobile",
    )
    confirmation_id = uuid.uuid4().hex
    code = f"{secrets.randbelow(10**6):06d}"
    salt = secrets.token_hex(16)
    expires = time.time() + CODE_SECONDS  # real seconds: a code's life is not demo time
    stored = Confirmation(
        mobile=mobile,
        owner_fin=owner_fin,
        purpose=purpose,
        salt=salt,
        code_hash=_digest(salt, code),
        attempts=0,
        created_at=clock.now_iso(),
        expires_at=int(expires),
    )
    tx = Transaction()
    tx.put(
        PRODUCERS,
        {
            "pk": _key(confirmation_id),
            "sk": SK,
            **stored.model_dump(by_alias=True, exclude_none=True),
        },
    )
    text = "producers.password-reset-code" if purpose == "password-reset" else "producers.sms-code"
    message_ids = notify.send_to_address(text, {"code": code}, sms=mobile, language=language, tx=tx)
    tx.commit()
    return MobileConfirmation(
        confirmation_id=confirmation_id,
        mobile=mobile,
        expires_in_seconds=CODE_SECONDS,
        attempts_left=MAX_ATTEMPTS,
        sms_message_id=message_ids[0],
    )


def request(
    body: MobileConfirmationRequest, language: i18n.Lang, source_ip: str | None
) -> MobileConfirmation:
    """P3: check who holds the number, that no producer has it, then send the code.

    Asked by anyone, so one neutral answer whether the number is someone else's, inactive or
    already a producer's: a stranger learns nothing about a number (issue 10 item 2).
    """
    identity = check.look_up(body, source_ip)
    try:
        ensure_owner(body.mobile, identity.fin)
        ensure_free(body.mobile)
    except (Invalid, Conflict, NotFound):
        raise Invalid("producers.mobile.not-accepted", field="mobile") from None
    return send_code(body.mobile, identity.fin, language, "registration")


def verify(confirmation_id: str, code: str, *, mobile: str, owner_fin: str) -> Confirmation:
    """The confirmation if `code` is right for this number and owner; each wrong try counts."""
    item = PRODUCERS.get(_key(confirmation_id), SK)
    confirmation = Confirmation.model_validate(item) if item else None
    if confirmation is None or (confirmation.mobile, confirmation.owner_fin) != (mobile, owner_fin):
        raise Invalid("producers.confirmation.unknown", field="confirmationId")
    if confirmation.used_by:
        raise Invalid("producers.confirmation.used", field="confirmationId")
    if time.time() > confirmation.expires_at:
        raise Invalid("producers.confirmation.expired", field="code")
    attempts = confirmation.attempts
    if attempts >= MAX_ATTEMPTS:
        raise Invalid("producers.confirmation.exhausted", field="code")
    if not hmac.compare_digest(_digest(confirmation.salt, code), confirmation.code_hash):
        PRODUCERS.update(
            _key(confirmation_id),
            SK,
            {"attempts": attempts + 1},
            expected={"attempts": attempts},
            conflict=Invalid("producers.confirmation.exhausted", field="code"),
        )
        left = MAX_ATTEMPTS - attempts - 1
        if left == 0:
            raise Invalid("producers.confirmation.exhausted", field="code")
        raise Invalid("producers.code.wrong", field="code", params={"left": left})
    return confirmation


def consume(tx: Transaction, confirmation: Confirmation, confirmation_id: str, user: str) -> None:
    """Mark the confirmation used by `user`, in the transaction of the change it allows."""
    tx.update(
        PRODUCERS,
        _key(confirmation_id),
        SK,
        {"usedBy": user, "usedAt": clock.now_iso()},
        expected={"usedBy": None, "attempts": confirmation.attempts},
        conflict=Conflict("producers.confirmation.used", field="confirmationId"),
    )
