"""The payment provider, ASAN ödəniş (G6, X10): create a payment, read its signed confirmation.

The platform asks the provider for a payment of an amount in qəpik (1 AZN = 100 qəpik) under our
reference; the provider answers with its payment id and the page where the person pays. When the
person has paid (or the card was declined) the provider POSTs a confirmation to our callback
URL, signed with Standard Webhooks' `v1` HMAC under the secret shared with it and kept in Secrets
Manager (`PAYMENT_CALLBACK_SECRET`). The provider has no refund call in this interface: state
fees are not refundable (seed 001 §2.20).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pydantic import ValidationError

from egov.platform import i18n, secrets
from egov.platform.adapters._model import Record
from egov.platform.adapters.base import SystemClient, register_system
from egov.platform.problems import Invalid

if TYPE_CHECKING:
    from standardwebhooks import Webhook

register_system("payment", {"az": "ASAN ödəniş sistemi", "en": "The ASAN ödəniş payment system"})

i18n.register(
    {
        "payment.signature-invalid": {
            "az": "Ödəniş təsdiqinin imzası yoxlanılmadı",
            "en": "The payment confirmation's signature did not verify",
        },
    }
)

Outcome = Literal["paid", "declined"]


class PaymentOrder(Record):
    """The provider's payment: its id and the page where the person pays."""

    payment_id: str
    pay_url: str


class Confirmation(Record):
    """The provider's word on a payment, verified."""

    payment_id: str
    reference: str
    status: Outcome
    amount: int
    at: datetime
    reason: str | None = None


class _Wire(Record):
    id: str
    reference: str
    status: Outcome
    amount: int
    currency: Literal["AZN"]
    at: datetime
    reason: str | None = None


class PaymentProvider:
    def __init__(self, client: SystemClient) -> None:
        self.client = client

    def create(
        self,
        *,
        amount: int,
        reference: str,
        description: str,
        return_url: str,
        callback_url: str,
    ) -> PaymentOrder:
        """A payment of `amount` qəpik under our `reference`; the provider keeps one payment per
        reference, so asking again with the same one answers the first payment."""
        answer = self.client.post(
            "/payments",
            {
                "amount": amount,
                "currency": "AZN",
                "reference": reference,
                "description": description,
                "returnUrl": return_url,
                "callbackUrl": callback_url,
            },
            field="feeCode",
        )
        return PaymentOrder(payment_id=str(answer["id"]), pay_url=str(answer["payUrl"]))


def confirmation_signer() -> Webhook:
    """Standard Webhooks `v1` over the secret shared with the provider, used raw as the key."""
    from standardwebhooks import Webhook

    return Webhook(secrets.secret("PAYMENT_CALLBACK_SECRET").encode())


def confirmation_of(payload: Mapping[str, object]) -> Confirmation:
    """The confirmation in the provider's verified callback (`egov.platform.inbound` checks it)."""
    try:
        wire = _Wire.model_validate(payload)
    except ValidationError as bad:
        raise Invalid("field.invalid", field="body") from bad
    return Confirmation(
        payment_id=wire.id,
        reference=wire.reference,
        status=wire.status,
        amount=wire.amount,
        at=wire.at,
        reason=wire.reason,
    )
