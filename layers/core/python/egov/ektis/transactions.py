"""Input transactions of suppliers and purchases of procurers (A4, A5: seed 004 §7.1.2.4,
§7.1.3.4; the invoice data of §5.1.15–5.1.16).

Items (EKTIS_TABLE):
    TRADE#<subjectId> / <date>#<id>    one per party that is an EKTİS subject: the farmer a
                                       procurer bought from sees the purchase in his own list
"""

from __future__ import annotations

import uuid

from egov.ektis import ledger, subjects
from egov.ektis.delegation import acting_for, require_kind
from egov.ektis.models import Subject, Trade, Trades, TransactionEntry
from egov.ektis.subjects import TABLE, display_name, record, subject_pk
from egov.platform import audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Invalid, NotFound
from egov.platform.repository import Transaction

# Who enters each kind: a supplier its input trade, a procurer its purchase from a farmer, a
# farmer the sale of his produce (§7.1.1.5), the other side of a purchase (A10 reconciles them).
ENTERED_BY = {
    "input-sale": "supplier",
    "input-purchase": "supplier",
    "purchase": "procurer",
    "sale": "farmer",
}


def _counterparty(body: TransactionEntry) -> Subject | None:
    """A procurer buys from a registered farmer; a supplier's counterparty may be outside EKTİS."""
    if body.kind == "purchase":
        farmer = subjects.by_party(body.counterparty, "counterparty")
        require_kind(farmer, "farmer", field="counterparty")
        return farmer
    try:
        return subjects.by_party(body.counterparty, "counterparty")
    except (Invalid, NotFound):
        return None


def enter(body: TransactionEntry, caller: Principal) -> Trade:
    subject = acting_for(caller, body.subject_id, "transactions")
    require_kind(subject, ENTERED_BY[body.kind])
    other = _counterparty(body)
    if other and other.subject_id == subject.subject_id:
        raise Invalid("ektis.party.self", field="counterparty")
    priced = [line.price_azn * line.quantity for line in body.lines if line.price_azn is not None]
    trade = Trade(
        transaction_id=uuid.uuid4().hex,
        subject_id=subject.subject_id,
        subject_name=display_name(subject),
        kind=body.kind,
        counterparty=body.counterparty,
        counterparty_subject_id=other.subject_id if other else None,
        date=body.date,
        invoice_number=body.invoice_number,
        lines=body.lines,
        total_azn=round(sum(priced), 2) if len(priced) == len(body.lines) else None,
        entered_by=caller.user_id,
        recorded_at=clock.now(),
    )
    stored = trade.model_dump(mode="json", by_alias=True)
    tx = Transaction()
    parties = [(subject.subject_id, subject.owner)] + (
        [(other.subject_id, other.owner)] if other else []
    )
    for subject_id, owner in parties:
        tx.put(
            TABLE,
            {
                "pk": f"TRADE#{subject_id}",
                "sk": f"{stored['date']}#{trade.transaction_id}",
                **stored,
            },
        )
        audit.record(
            tx,
            subject_pk(subject_id),
            "ektis-transaction-entered",
            caller.actor,
            owner=owner,
            after=stored,
        )
    ledger.trade(tx, trade, subject, other)  # A10: purchases and sales meet in the ledger
    tx.commit()
    return trade


def of_subject(subject_id: str | None, caller: Principal) -> Trades:
    subject = acting_for(caller, subject_id, "transactions")
    items = TABLE.query_all(f"TRADE#{subject.subject_id}")
    return Trades(
        subject_id=subject.subject_id,
        transactions=[Trade.model_validate(record(item)) for item in items],
    )
