"""The export incentive's rules without AWS (X6; seed 001 part 2, §10.3.3.4, §10.3.3.9, §4.2.11):
the account in Azerbaijan the incentive is paid into (an IBAN whose check digits hold), the
Ministry's answer (an amount to grant, a reason to refuse), the authority's confirmation (amount,
day, account, payment order), and what the simulators answer."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError
from pydantic.alias_generators import to_camel

from devstack.simulators import incentive as simulated
from egov.export.models import ApplicationForm, Assessment, TransferReport
from egov.platform import clock

IBAN = "AZ21NABZ00000000137010001944"
GOODS = {
    "hsCode": "8479820000",
    "description": "Qarışdırıcı avadanlıq",
    "quantity": "3",
    "unit": "pcs",
    "value": "42000.00",
    "currency": "EUR",
    "origin": "AZ",
}
ASL = Path(__file__).parents[2] / "statemachines" / "export_incentive.asl.json"


def problem(error: ValidationError) -> tuple[str, str]:
    first = error.errors()[0]
    return ".".join(to_camel(str(p)) for p in first["loc"]), str(first["type"])


def test_x6_the_account_is_an_iban_of_a_bank_in_azerbaijan() -> None:
    """§4.2.11: "ixracatçının Azərbaycan Respublikasındakı bank hesabına"; python-stdnum checks
    the IBAN's check digits; spaces as people write them are dropped."""
    spaced = "AZ21 NABZ 0000 0000 1370 1000 1944"
    form = ApplicationForm.model_validate(
        {"voen": "1400500071", "destination": "DE", "goods": [GOODS], "incentiveAccount": spaced}
    )
    assert form.incentive_account == IBAN
    for bad, kind in (
        (IBAN[:-1] + "5", "export.incentive.iban"),
        ("DE89370400440532013000", "export.incentive.iban-country"),
    ):
        with pytest.raises(ValidationError) as refused:
            ApplicationForm.model_validate(
                {"voen": "1400500071", "destination": "DE", "goods": [GOODS]}
                | {"incentiveAccount": bad}
            )
        assert problem(refused.value) == ("incentiveAccount", kind)


def test_x6_the_ministry_grants_an_amount_or_refuses_with_a_reason() -> None:
    """§10.3.3.9: the result is a grant (its amount, in manat, more than zero, two decimals) or a
    refusal with its reason."""
    assert Assessment.model_validate({"outcome": "approve", "amount": "10.5"}).amount == Decimal(
        "10.5"
    )
    for body, field in (
        ({"outcome": "approve"}, "amount"),
        ({"outcome": "approve", "amount": "0"}, "amount"),
        ({"outcome": "approve", "amount": "1.001"}, "amount"),
        ({"outcome": "reject", "reason": "  "}, "reason"),
        ({"outcome": "approve", "amount": "1", "currency": "USD"}, "currency"),
    ):
        with pytest.raises(ValidationError) as refused:
            Assessment.model_validate(body)
        assert problem(refused.value)[0] == field, body


def test_x6_a_transfer_is_confirmed_with_amount_day_account_and_order() -> None:
    """§4.2.11: the documents confirming the transfer: what, when, to which account, under which
    payment order; a transfer not made gives the reason."""
    full = {
        "outcome": "approve",
        "amount": "1260.00",
        "transferredOn": "2027-01-12",
        "iban": IBAN,
        "reference": "ÖT-1",
    }
    assert TransferReport.model_validate(full).transferred_on.isoformat() == "2027-01-12"
    for missing in ("amount", "transferredOn", "iban", "reference"):
        body = {k: v for k, v in full.items() if k != missing}
        with pytest.raises(ValidationError) as refused:
            TransferReport.model_validate(body)
        assert problem(refused.value) == (missing, "export.incentive.transfer-incomplete")
    assert TransferReport.model_validate({"outcome": "reject", "reason": "closed"}).reason


def test_x6_every_wait_has_a_deadline_and_silence_is_escalated_not_granted() -> None:
    """DESIGN rule 5-6: each exchange wait has TimeoutSecondsPath and a Catch on States.Timeout
    that escalates and asks again (reopen); no silent consent is sent for public money."""
    states = json.loads(ASL.read_text(encoding="utf-8"))["States"]
    for name, escalation in (
        ("AskMinistry", "MinistryOverdue"),
        ("AskAuthority", "AuthorityOverdue"),
    ):
        wait = states[name]
        assert wait["TimeoutSecondsPath"] == "$.wait.waitSeconds"
        assert wait["Parameters"]["MessageBody"]["reopen"] is True
        timeout = next(c for c in wait["Catch"] if c["ErrorEquals"] == ["States.Timeout"])
        assert timeout["Next"] == escalation
        assert states[escalation]["Next"] == name
    assert "deemed-consent" not in ASL.read_text(encoding="utf-8")


def test_x6_the_simulated_agencies_answer_at_the_incentive_routes() -> None:
    """docs/simulators.md: the Ministry grants 3% of the goods' value, refuses a VÖEN with tax
    arrears; the authority confirms the transfer to the account, refuses a closed one."""
    data = {
        "decisionId": "dec_abc123",
        "kind": "export-incentive",
        "payload": {
            "exporter": {"voen": "1400500071"},
            "goods": [{"value": "42000.00"}],
            "answerPath": "/export/incentives/{decisionId}/assessment",
        },
    }
    path, body = simulated.reply("approve", "", data) or ("", {})
    assert path == "/export/incentives/dec_abc123/assessment"
    assert body == {"outcome": "approve", "amount": "1260.00"}
    data["payload"]["exporter"] = {"voen": "1700400081"}  # type: ignore[index]
    assert simulated.reply("approve", "", data)[1]["outcome"] == "reject"  # type: ignore[index]
    transfer = {
        "decisionId": "dec_def456",
        "kind": "export-incentive-transfer",
        "payload": {
            "amount": "1260.00",
            "iban": IBAN,
            "answerPath": "/export/incentives/{decisionId}/transfer",
        },
    }
    path, body = simulated.reply("approve", "", transfer) or ("", {})
    assert path.endswith("/dec_def456/transfer")
    assert TransferReport.model_validate(body).iban == IBAN
    transfer["payload"]["iban"] = "AZ10NABZ00000000137010009999"  # type: ignore[index]
    assert simulated.reply("approve", "", transfer)[1]["outcome"] == "reject"  # type: ignore[index]
    assert simulated.reply("approve", "", {"kind": "export-origin"}) is None


def test_x6_the_simulated_transfer_is_dated_by_the_platforms_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A demo's clock runs days ahead of the wall clock: the MBNP simulator's transfer date is
    the platform's Baku day, or the platform refuses it as dated before the grant (X6)."""
    monkeypatch.setenv("EGOV_CLOCK_OFFSET", str(9 * 86400))
    transfer = {
        "decisionId": "dec_ghi789",
        "kind": "export-incentive-transfer",
        "payload": {"amount": "10.00", "iban": IBAN, "answerPath": "/x/{decisionId}"},
    }
    body = (simulated.reply("approve", "", transfer) or ("", {}))[1]
    assert body["transferredOn"] == clock.now().astimezone(clock.BAKU).date().isoformat()
    assert body["transferredOn"] != datetime.now(clock.BAKU).date().isoformat()
