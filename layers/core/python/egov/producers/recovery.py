"""Şifrəni unutdum: a producer who forgot the password sets a new one (P4, P8; seed 000 login
page "Şifrəni unutsam").

1. `start`: the username only. If it is an active producer's, a 6-digit code goes by SMS to the
   mobile number on the record: the one confirmed at registration or at the last change (P3),
   never one the caller names. The answer is the same whether or not the username exists (a
   confirmation id either way), so nobody learns who is registered. Uses are limited per
   username with the platform's rate limiter (`SmsCodesPerNumber` in 10 minutes), and the code
   sending keeps its per-number limit, which is answered like any other start (a 429 naming the
   mobile would tell that the username exists); each code sent is an audit entry on the
   producer.
2. `finish`: username, confirmation id, code and the new password (the registration's password
   policy). The code is checked as every SMS code is (5 minutes, 5 wrong tries, once); in one
   transaction the password is replaced, every earlier session ended (the session counter is
   bumped, so tokens issued before stop working: G8), the code used, the audit entry written, and
   the person told by SMS, e-mail where given and in the cabinet.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from pydantic import SecretStr, StringConstraints, ValidationInfo
from pydantic import field_validator as field_rule

from egov.platform import audit, auth, aws, i18n, notify, ratelimit
from egov.platform.problems import Invalid, RateLimited
from egov.platform.repository import Item, Transaction
from egov.platform.text import Clean
from egov.producers import confirmations
from egov.producers.models import Code, ConfirmationId, Model, Username, check_password
from egov.producers.records import PRODUCERS, PROFILE, ProducerRecord, changed, producer_pk

PURPOSE = "password-reset"


class ResetRequest(Model):
    username: Annotated[str, StringConstraints(min_length=1, max_length=30), Clean]


class ResetStarted(Model):
    confirmation_id: str
    expires_in_seconds: int
    message: str


class ResetFinish(Model):
    username: Username
    confirmation_id: ConfirmationId
    code: Code
    new_password: SecretStr

    @field_rule("new_password")
    @classmethod
    def _password_policy(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        check_password(value.get_secret_value(), info.data.get("username"))
        return value


class ResetDone(Model):
    username: str
    message: str


def _producer(username: str) -> tuple[ProducerRecord, Item] | None:
    """The active producer and login account of `username`, if any."""
    user_id = auth.user_id_of_username(username)
    item = PRODUCERS.get(producer_pk(user_id), PROFILE) if user_id else None
    record = ProducerRecord.model_validate(item) if item else None
    account = auth.account(user_id) if user_id else None
    if record is None or account is None or record.status == "closed":
        return None
    if account["status"] != "active" or account["role"] != "citizen":
        return None
    return record, account


def start(body: ResetRequest, language: i18n.Lang) -> ResetStarted:
    ratelimit.take(
        PRODUCERS,
        f"PWRESET#{auth.username_guard(body.username)}",
        limit=int(aws.resource_name("SMS_CODES_PER_WINDOW")),
        window_seconds=confirmations.CODE_WINDOW_SECONDS,
        key="producers.password-reset.rate-limited",
        field="username",
    )
    message = i18n.text("producers.password-reset.started", language)
    # What a caller gets when no code goes out: the same shape, an id that confirms nothing.
    nothing_sent = ResetStarted(
        confirmation_id=uuid.uuid4().hex,
        expires_in_seconds=confirmations.CODE_SECONDS,
        message=message,
    )
    found = _producer(body.username)
    if found is None:
        return nothing_sent
    record, _ = found
    try:
        sent = confirmations.send_code(record.mobile, record.identity.fin, record.language, PURPOSE)
    except RateLimited:
        return nothing_sent
    audit.append(
        producer_pk(record.id),
        "producer-password-reset-requested",
        audit.Actor.system("password-reset"),
        owner=record.id,
        after={"confirmationId": sent.confirmation_id, "smsMessageId": sent.sms_message_id},
    )
    return ResetStarted(
        confirmation_id=sent.confirmation_id,
        expires_in_seconds=sent.expires_in_seconds,
        message=message,
    )


def finish(body: ResetFinish, language: i18n.Lang) -> ResetDone:
    unknown = Invalid("producers.confirmation.unknown", field="confirmationId")
    found = _producer(body.username)
    if found is None:
        raise unknown
    record, account = found
    confirmation = confirmations.verify(
        body.confirmation_id,
        body.code,
        mobile=record.mobile,
        owner_fin=record.identity.fin,
    )
    if confirmation.purpose != PURPOSE:
        raise unknown
    user_id = record.id
    tx = Transaction()
    auth.set_password(
        tx,
        user_id,
        body.new_password.get_secret_value(),
        expected_session=account.get("session", 0),
        conflict=changed(),
    )
    confirmations.consume(tx, confirmation, body.confirmation_id, user_id)
    audit.record(
        tx,
        producer_pk(user_id),
        "producer-password-reset",
        audit.Actor(user_id, "citizen"),
        owner=user_id,
        after={"sessionsEnded": True, "confirmationId": body.confirmation_id},
    )
    notify.send(
        user_id,
        "producers.password-reset-notice",
        {"username": record.username},
        email=record.email,
        sms=record.mobile,
        subject_ref=producer_pk(user_id),
        tx=tx,
    )
    tx.commit()
    return ResetDone(
        username=record.username, message=i18n.text("producers.password-reset.done", language)
    )
