"""A procurer's correction of a purchase after a farmer's complaint (A5, seed 004 §7.1.3.7:
"fermerin şikayətinə əsasən daxil etdiyi məlumatlarda düzəliş"): the changes the answer lists
are applied to the record itself, in the answer's transaction, so what the complaint says was
corrected is what the registry (and the reconciliation ledger) then holds.

A change names a field of the record as the procurer sees it (`date`, `invoiceNumber`,
`lines[N].quantity`, `lines[N].unit`, `lines[N].priceAzn`); its `before` must be the record's
value (422 naming `corrections`, nothing changed, otherwise).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from pydantic import ValidationError

from egov.ektis import ledger, texts  # noqa: F401  (registers the problems' texts)
from egov.ektis.models import Change, Trade
from egov.ektis.subjects import TABLE, party_key, record
from egov.platform.problems import Invalid
from egov.platform.repository import Transaction

# The records a complaint's answer corrects in place; other kinds keep the listed changes only.
KINDS = ("purchase",)
_LINE = re.compile(r"^lines\[(\d{1,2})\]\.(quantity|unit|priceAzn)$")


def _shown(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _apply(stored: dict[str, Any], change: Change) -> None:
    field = change.field.strip()
    line = _LINE.match(field)
    if line:
        index, name = int(line.group(1)), line.group(2)
        if index >= len(stored["lines"]):
            raise Invalid("ektis.correction.field", field="corrections")
        target, key = stored["lines"][index], name
    elif field in ("date", "invoiceNumber"):
        target, key = stored, field
    else:
        raise Invalid("ektis.correction.field", field="corrections")
    if change.before is not None and _shown(target.get(key)) != change.before.strip():
        raise Invalid("ektis.correction.before", field="corrections")
    value: Any = change.after.strip()
    if key in ("quantity", "priceAzn"):
        try:
            value = float(value)
        except ValueError as bad:
            raise Invalid("ektis.correction.value", field="corrections") from bad
    elif key == "date":
        try:
            value = date.fromisoformat(value).isoformat()
        except ValueError as bad:
            raise Invalid("ektis.correction.value", field="corrections") from bad
    target[key] = value


def apply(
    tx: Transaction, kind: str, record_id: str, subject_id: str, changes: list[Change]
) -> None:
    """Correct the respondent's own record of `kind` (its copy under each party) and its fact."""
    if kind not in KINDS:
        return
    found = ledger.located(kind, record_id)
    if not found:
        raise Invalid("ektis.correction.field", field="corrections")
    _, fact = found
    sk = f"{fact['date']}#{record_id}"
    # The respondent's copy and the named party's, kept under its FIN or VÖEN (transactions.py).
    parties = [subject_id, party_key(fact["party"])]
    copies = [item for item in (TABLE.get(f"TRADE#{p}", sk) for p in parties) if item]
    if not copies or copies[0]["subjectId"] != subject_id:
        raise Invalid("ektis.correction.field", field="corrections")
    corrected = dict(record(copies[0]))
    corrected["lines"] = [dict(line) for line in corrected["lines"]]
    for change in changes:
        _apply(corrected, change)
    try:
        trade = Trade.model_validate(corrected)
    except ValidationError as bad:
        raise Invalid("ektis.correction.value", field="corrections") from bad
    priced = [line.price_azn * line.quantity for line in trade.lines if line.price_azn is not None]
    trade = trade.model_copy(
        update={"total_azn": round(sum(priced), 2) if len(priced) == len(trade.lines) else None}
    )
    stored = trade.model_dump(mode="json", by_alias=True)
    new_sk = f"{stored['date']}#{record_id}"
    for copy in copies:
        if new_sk != copy["sk"]:
            tx.delete(TABLE, copy["pk"], copy["sk"])
        tx.put(TABLE, {"pk": copy["pk"], "sk": new_sk, **stored}, new=False)
    ledger.replace(
        tx,
        fact,
        ledger.trade_fact(
            trade, fact["farmerSubjectId"], fact.get("buyerSubjectId"), fact["region"]
        ),
    )
