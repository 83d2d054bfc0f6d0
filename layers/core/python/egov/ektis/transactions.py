"""Input transactions of suppliers and purchases of procurers (A4, A5: seed 004 §7.1.2.4,
§7.1.3.4; the invoice data of §5.1.15–5.1.16).

Items (EKTIS_TABLE):
    TRADE#<subjectId> / <date>#<id>    the entering subject's copy
    TRADE#FIN#<fin> / <date>#<id>      the named party's copy (TRADE#VOEN#<voen>), read by the
                                       subject registered with that FIN or VÖEN, whenever it
                                       registers: what is entered never depends on it
"""

from __future__ import annotations

import uuid

from egov.ektis import ledger, subjects
from egov.ektis.delegation import acting_for, require_kind
from egov.ektis.models import Trade, Trades, TransactionEntry
from egov.ektis.subjects import TABLE, display_name, record, subject_pk
from egov.platform import audit, clock
from egov.platform.auth import Principal
from egov.platform.problems import Invalid
from egov.platform.repository import Transaction

# Who enters each kind: a supplier its input trade, a procurer its purchase from a farmer, a
# farmer the sale of his produce (§7.1.1.5), the other side of a purchase (A10 reconciles them).
ENTERED_BY = {
    "input-sale": "supplier",
    "input-purchase": "supplier",
    "purchase": "procurer",
    "sale": "farmer",
}


def enter(body: TransactionEntry, caller: Principal) -> Trade:
    """Record the transaction for the entering subject and for the FIN or VÖEN it names. The
    answer is the same whether that FIN or VÖEN is an EKTİS subject or not (G8): a procurer
    learns nothing about who is registered, and the seller sees the purchase under his own FIN
    or VÖEN, now or once he registers, and may complain about it (§7.1.1.7, §7.1.3.7)."""
    subject = acting_for(caller, body.subject_id, "transactions")
    require_kind(subject, ENTERED_BY[body.kind])
    party = subjects.party_key(body.counterparty)
    if party in subjects.parties(subject):
        raise Invalid("ektis.party.self", field="counterparty")
    priced = [line.price_azn * line.quantity for line in body.lines if line.price_azn is not None]
    trade = Trade(
        transaction_id=uuid.uuid4().hex,
        subject_id=subject.subject_id,
        subject_name=display_name(subject),
        kind=body.kind,
        counterparty=body.counterparty,
        date=body.date,
        invoice_number=body.invoice_number,
        lines=body.lines,
        total_azn=round(sum(priced), 2) if len(priced) == len(body.lines) else None,
        entered_by=caller.user_id,
        recorded_at=clock.now(),
    )
    stored = trade.model_dump(mode="json", by_alias=True)
    sk = f"{stored['date']}#{trade.transaction_id}"
    tx = Transaction()
    for pk in (f"TRADE#{subject.subject_id}", f"TRADE#{party}"):
        tx.put(TABLE, {"pk": pk, "sk": sk, **stored})
    audit.record(
        tx,
        subject_pk(subject.subject_id),
        "ektis-transaction-entered",
        caller.actor,
        owner=subject.owner,
        after=stored,
    )
    # The named party's own trail records it too (§7.4: what is entered about him), if he is
    # registered; nothing of this reaches the answer.
    if (other := subjects.registered(body.counterparty)) is not None:
        audit.record(
            tx,
            subject_pk(other.subject_id),
            "ektis-transaction-entered",
            caller.actor,
            owner=other.owner,
            after=stored,
        )
    ledger.trade(tx, trade, subject, other)  # A10: purchases and sales meet in the ledger
    tx.commit()
    return trade


def of_subject(subject_id: str | None, caller: Principal) -> Trades:
    subject = acting_for(caller, subject_id, "transactions")
    found = {
        item["transactionId"]: item
        for pk in (subject.subject_id, *subjects.parties(subject))
        for item in TABLE.query_all(f"TRADE#{pk}")
    }
    return Trades(
        subject_id=subject.subject_id,
        transactions=[
            Trade.model_validate(record(item))
            for item in sorted(found.values(), key=lambda i: (i["date"], i["transactionId"]))
        ],
    )
