"""The Ministry of Economy's and the financial markets authority's answers about an export
incentive (X6), for the agency simulator (`agency.py`), which answers every other decision at
the exchange's generic callback.

An incentive's answer carries more than an outcome, so it goes to the export service's routes
named in the request's payload (`answerPath`):

- `export-incentive` (IN): granted with `rate` (data/incentive.json) of the goods' value, in
  manat, unless the agency's rule is `reject` or the exporter's VÖEN is in `refusedVoens` (the
  reason given there);
- `export-incentive-transfer` (MBNP): the amount granted transferred today (Baku, by the
  platform's clock, as every simulator dates what it answers: a demo's clock runs days ahead of
  the wall clock, and a transfer dated before the grant is refused) to the exporter's account
  under a payment order number, unless the rule is `reject` or the account is in
  `closedAccounts`.

The rule `silent` (never answers) and the webhook failures of `POST /<agency>/failures` apply
to both, as to every agency.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from devstack.simulators._data import load
from egov.platform import clock

KINDS = ("export-incentive", "export-incentive-transfer")


def reply(outcome: str, reason: str, data: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Where and what the agency answers about an incentive decision; None for other kinds."""
    kind = data.get("kind")
    if kind not in KINDS:
        return None
    rules = load("incentive")
    payload = data.get("payload") or {}
    path = str(payload["answerPath"]).replace("{decisionId}", str(data["decisionId"]))
    if kind == "export-incentive":
        refused = rules["refusedVoens"].get((payload.get("exporter") or {}).get("voen"))
        if outcome == "reject" or refused:
            return path, {"outcome": "reject", "reason": refused or reason or "IN: imtina"}
        value = sum(Decimal(str(item["value"])) for item in payload.get("goods") or [])
        amount = (value * Decimal(rules["rate"])).quantize(Decimal("0.01"))
        return path, {"outcome": "approve", "amount": str(max(amount, Decimal("0.01")))}
    closed = rules["closedAccounts"].get(payload.get("iban"))
    if outcome == "reject" or closed:
        return path, {"outcome": "reject", "reason": closed or reason or "MBNP: köçürülmədi"}
    today = clock.now().astimezone(clock.BAKU).date()
    return path, {
        "outcome": "approve",
        "amount": payload["amount"],
        "transferredOn": today.isoformat(),
        "iban": payload["iban"],
        "reference": f"ÖT-{today:%Y%m%d}-{str(data['decisionId'])[-6:]}",
    }
