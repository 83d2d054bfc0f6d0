"""The SMS and e-mail gateways: submit a message, later read its signed delivery receipt.

A gateway accepts a message at once (its id comes back) and reports the outcome later by POSTing
a receipt to the callback URL we gave it, signed with Standard Webhooks' `v1` HMAC under the
secret kept in Secrets Manager (`GATEWAY_RECEIPT_SECRET`). Each gateway speaks its own status
language (SMPP delivery-receipt `stat` values for SMS, delivered/deferred/bounced for e-mail);
`receipt_of` translates the status into GOV.UK Notify's vocabulary,
the one the platform records (DESIGN rule 10).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from egov.platform import i18n, secrets
from egov.platform.adapters._model import Record, checked
from egov.platform.adapters.base import SystemClient
from egov.platform.adapters.mobile import check_mobile
from egov.platform.problems import Invalid

if TYPE_CHECKING:
    from standardwebhooks import Webhook

Channel = Literal["sms", "email"]
Status = Literal[
    "created", "sending", "delivered", "temporary-failure", "permanent-failure", "technical-failure"
]
FINAL: tuple[Status, ...] = (
    "delivered",
    "temporary-failure",
    "permanent-failure",
    "technical-failure",
)
# Notify's statuses as a state machine: a message is sent once and settled once; a final
# status never changes, whatever receipt comes after it (a replay, a late or a contrary one).
NEXT: dict[Status, tuple[Status, ...]] = {
    "created": ("sending", *FINAL),
    "sending": FINAL,
    **{final: () for final in FINAL},
}

# SMPP 3.4 delivery receipt `stat` → Notify. A phone that stayed off until the message expired
# is Notify's temporary failure; an undeliverable or rejected number is permanent.
SMS_STATUSES: dict[str, Status] = {
    "DELIVRD": "delivered",
    "EXPIRED": "temporary-failure",
    "DELETED": "temporary-failure",
    "UNDELIV": "permanent-failure",
    "REJECTD": "permanent-failure",
    "UNKNOWN": "technical-failure",
}
EMAIL_STATUSES: dict[str, Status] = {
    "delivered": "delivered",
    "deferred": "temporary-failure",
    "bounced": "permanent-failure",
    "failed": "technical-failure",
}
_STATUSES: dict[Channel, dict[str, Status]] = {"sms": SMS_STATUSES, "email": EMAIL_STATUSES}

i18n.register(
    {
        "email.invalid": {
            "az": "E-poçt ünvanı yanlışdır",
            "en": "The e-mail address is invalid",
        },
        "receipt.signature-invalid": {
            "az": "Çatdırılma bildirişinin imzası yoxlanılmadı",
            "en": "The delivery receipt's signature did not verify",
        },
    }
)


def check_email(value: str) -> str:
    """An e-mail address, normalised by email-validator (DESIGN rule 9); no DNS lookup."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return str(validate_email(value, check_deliverability=False).normalized)
    except EmailNotValidError as bad:
        raise PydanticCustomError("email.invalid", "The e-mail address is invalid") from bad


EmailAddress = Annotated[
    str,
    AfterValidator(check_email),
    Field(json_schema_extra={"format": "email", "examples": ["aysel.mammadova@example.az"]}),
]


class Receipt(Record):
    """A gateway's report on one message, in Notify's vocabulary."""

    channel: Channel
    gateway_id: str
    reference: str
    status: Status
    at: datetime
    reason: str | None = None


class _Wire(Record):
    id: str
    reference: str
    status: str
    at: datetime
    reason: str | None = None


class SmsGateway:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def send(self, to: str, text: str, reference: str, callback_url: str) -> str:
        """Submit an SMS; the gateway's message id. The receipt comes to `callback_url`."""
        body = {
            "to": checked(check_mobile, to, "mobile"),
            "text": text,
            "reference": reference,
            "callbackUrl": callback_url,
        }
        return str(self.client.post("/messages", body, field="mobile")["id"])


class EmailGateway:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def send(self, to: str, subject: str, text: str, reference: str, callback_url: str) -> str:
        """Submit an e-mail; the gateway's message id. The receipt comes to `callback_url`."""
        body = {
            "to": checked(check_email, to, "email"),
            "subject": subject,
            "text": text,
            "reference": reference,
            "callbackUrl": callback_url,
        }
        return str(self.client.post("/messages", body, field="email")["id"])


def receipt_signer() -> Webhook:
    """Standard Webhooks `v1` over the shared secret, used raw as the HMAC key."""
    from standardwebhooks import Webhook

    return Webhook(secrets.secret("GATEWAY_RECEIPT_SECRET").encode())


def receipt_of(channel: Channel, payload: Mapping[str, object]) -> Receipt:
    """The receipt in a gateway's verified callback (`egov.platform.inbound` checks it)."""
    try:
        wire = _Wire.model_validate(payload)
    except ValidationError as bad:
        raise Invalid("field.invalid", field="body") from bad
    status = _STATUSES[channel].get(wire.status, "technical-failure")
    return Receipt(
        channel=channel,
        gateway_id=wire.id,
        reference=wire.reference,
        status=status,
        at=wire.at,
        reason=wire.reason,
    )
