"""The activation of a cabinet made by an officer (P6, P7).

An assisted registration creates the login account without a password. The person gets an
activation notice (P7) in the cabinet, by e-mail when there is one and by SMS, with an
8-digit activation code valid for 7 days of real time and 5 wrong tries; the delivery results
are recorded with the notice by `egov.platform.notify`. With the username and the code the
person sets a password (the same policy as self-registration), and the account becomes active
(`egov.platform.auth.activate`) in the same transaction that uses the code and writes the audit
entry.

Every path that makes a cabinet active (self-registration, where the password is chosen up
front, and the activation of an officer's registration) sends `announce_active` in that same
transaction (P7: "Şəxsi kabinet aktiv edildikdən sonra bu barədə həmin nömrəyə qısa mesaj
gələcək"; e-mail: "həmin ünvana portal tərəfindən şəxsi kabinetin aktiv edilməsi barədə məlumat
gələcək"): an SMS to the mobile number, an e-mail where one was given, the notice in the
cabinet, in the person's language (G2).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from typing import Annotated

from pydantic import SecretStr, StringConstraints, ValidationInfo
from pydantic import field_validator as field_rule

from egov.platform import audit, auth, clock, i18n, notify
from egov.platform.problems import Conflict, Invalid
from egov.platform.repository import Transaction
from egov.platform.text import Clean
from egov.producers.models import Model, Username, check_password
from egov.producers.records import (
    PRODUCERS,
    PROFILE,
    OneTimeCode,
    ProducerRecord,
    producer_pk,
    save,
)

ACTIVATION_SECONDS = 7 * 24 * 3600
MAX_ATTEMPTS = 5
SK = "ACTIVATION"


class Activation(Model):
    username: Username
    code: Annotated[str, StringConstraints(max_length=32), Clean]
    password: SecretStr

    @field_rule("password")
    @classmethod
    def _password_policy(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        check_password(value.get_secret_value(), info.data.get("username"))
        return value


class Activated(Model):
    username: str
    message: str


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode()).hexdigest()


def send_notice(tx: Transaction, record: ProducerRecord) -> None:
    """P7: the activation code to the cabinet, e-mail (if any) and SMS, in the transaction that
    registers the person; deliveries recorded."""
    code = f"{secrets.randbelow(10**8):08d}"
    salt = secrets.token_hex(16)
    pending = OneTimeCode(
        salt=salt,
        code_hash=_digest(salt, code),
        attempts=0,
        expires_at=int(time.time() + ACTIVATION_SECONDS),  # real time, as login tokens
    )
    tx.put(
        PRODUCERS,
        {"pk": producer_pk(record.id), "sk": SK, **pending.model_dump(by_alias=True)},
    )
    notify.send(
        record.id,
        "producers.activation",
        {"username": record.username, "code": code},
        email=record.email,
        sms=record.mobile,
        language=record.language,
        subject_ref=producer_pk(record.id),
        tx=tx,
    )


def announce_active(tx: Transaction, record: ProducerRecord) -> None:
    """P7: the cabinet is active: SMS, e-mail where given, cabinet notice, in `tx`."""
    notify.send(
        record.id,
        "producers.cabinet-active",
        {"username": record.username},
        email=record.email,
        sms=record.mobile,
        language=record.language,
        subject_ref=producer_pk(record.id),
        tx=tx,
    )


def activate(body: Activation, language: i18n.Lang) -> Activated:
    refused = Invalid("producers.activation.invalid", field="code")
    user_id = auth.user_id_of_username(body.username)
    item = PRODUCERS.get(producer_pk(user_id), SK) if user_id else None
    pending = OneTimeCode.model_validate(item) if item else None
    if user_id is None or pending is None or time.time() > pending.expires_at:
        raise refused
    if pending.attempts >= MAX_ATTEMPTS:
        raise refused
    if not hmac.compare_digest(_digest(pending.salt, body.code.strip()), pending.code_hash):
        PRODUCERS.update(
            producer_pk(user_id),
            SK,
            {"attempts": pending.attempts + 1},
            expected={"attempts": pending.attempts},
            conflict=refused,
        )
        raise refused
    stored = PRODUCERS.get(producer_pk(user_id), PROFILE)
    if stored is None:
        raise refused
    record = ProducerRecord.model_validate(stored)
    tx = Transaction()
    tx.delete(PRODUCERS, producer_pk(user_id), SK)
    auth.activate(
        tx,
        user_id,
        body.password.get_secret_value(),
        conflict=Conflict("producers.activation.invalid", field="code"),
    )
    # Not a change the owner races with: the record keeps its version.
    save(tx, record, versioned=False, activated_at=clock.now_iso())
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-activated",
        audit.Actor(user_id, "citizen"),
        owner=user_id,
    )
    announce_active(tx, record)
    tx.commit()
    return Activated(username=body.username, message=i18n.text("producers.activated", language))
