"""The state fee of an e-signature application, paid before submission (E4, G6, seed 001 §1.6).

Where a fee is configured (`ESIGN_FEE_CODE`, the template parameter `EsignFeeCode`; empty means
no fee), the applicant asks for it on his draft (`request`), pays on the provider's page, and
the confirmation settles it. `require_paid` is part of the submission's checks: an application
whose fee is not paid is not accepted (402). Fees are never refunded (§2.20): the payments
module refuses every refund.
"""

from __future__ import annotations

import hashlib

from egov.esign.records import ApplicationRecord, owned, save, subject
from egov.platform import audit, aws, clock, i18n, payments
from egov.platform.auth import Principal
from egov.platform.problems import Conflict, PaymentRequired
from egov.platform.repository import Transaction

FEE_CODE_ENV = "ESIGN_FEE_CODE"
_REUSABLE = ("pending", "paid")


def configured() -> str | None:
    """The fee code in force, or None where no fee is set."""
    return aws.setting(FEE_CODE_ENV) or None


def request(application_id: str, caller: Principal, lang: i18n.Lang) -> payments.Payment:
    """The draft's fee payment: the one already pending or paid, else a new one (E4)."""
    code = configured()
    if code is None:
        raise Conflict("esign.no-fee", field="fee")
    record = owned(application_id, caller.user_id)
    if record.status != "draft":
        raise Conflict("esign.fee-after-submission", field="applicationId")
    previous = record.fee_payment_id
    current = payments.get(previous) if previous else None
    if current is not None and current["status"] in _REUSABLE:
        return payments.view(current, lang)
    payment = payments.request_fee(
        caller.user_id,
        subject(application_id),
        code,
        lang=lang,
        payment_id=_next_payment_id(application_id, previous),
    )
    tx = Transaction()
    save(tx, record, fee_payment_id=payment.paymentId, updated_at=clock.now_iso())
    audit.record(
        tx,
        subject(application_id),
        "esign-fee-requested",
        caller.actor,
        owner=caller.user_id,
        after={"paymentId": payment.paymentId, "feeCode": code, "amount": payment.amount},
    )
    try:
        tx.commit()
    except Conflict:
        # A concurrent request for this draft won: it asked for the same payment.
        if owned(application_id, caller.user_id).fee_payment_id != payment.paymentId:
            raise
    return payment


def _next_payment_id(application_id: str, previous: str | None) -> str:
    """The id of the draft's next fee payment, the same for every request that finds the draft
    in one state: concurrent requests then make one payment at the provider, not one each (the
    id is the provider's merchant reference). A declined payment leads to a new id."""
    seed = f"{application_id}#{previous or ''}".encode()
    return hashlib.sha256(seed).hexdigest()[:32]


def require_paid(record: ApplicationRecord) -> str | None:
    """The paid payment's id; 402 naming `fee` if a fee is set and not paid (E4)."""
    if configured() is None:
        return None
    payment = payments.get(record.fee_payment_id) if record.fee_payment_id else None
    if payment is None or payment["status"] != "paid" or payment["owner"] != record.owner:
        raise PaymentRequired("esign.fee-unpaid", field="fee")
    return str(payment["paymentId"])
