"""The export incentive (X6; seed 001 part 2, §10.3.3.4, §10.3.3.9, §4.2.11) with the real ASL
of statemachines/export_incentive.asl.json in moto.

"ərizədə ixrac təşviqinin ödənilməsi ilə bağlı məlumatlar qeyd olunduğu təqdirdə, bu barədə
məlumatlar sistem tərəfindən real vaxt rejimində Azərbaycan Respublikasının İqtisadiyyat
Nazirliyinə göndərilir. İxracatçıya ixrac təşviqinin ödənilməsi ilə bağlı müraciətə baxılmasının
nəticəsi barədə istifadəçinin elektron kabinetinə, elektron poçt ünvanına və mobil nömrəsinə
bildiriş göndərilir" (§10.3.3.9); the financial markets authority gives "ixrac təşviqinin
ixracatçının Azərbaycan Respublikasındakı bank hesabına köçürülməsini təsdiq edən sənədlər
barədə məlumatlar" (§4.2.11).

The exporter files machines (no permit: ready at once) with an incentive and the account it is
paid into, and customs releases them; the agencies answer through the export service's real
handlers; the pump delivers every queue to its consumer. Silence runs on a scaled clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import boto3
import pytest

from egov.export import incentive
from egov.export.records import EXPORT, key
from egov.platform import clock, exchange, webhooks
from egov.platform.audit import Actor
from egov.platform.repository import Table
from tests.conftest import LocalAws
from tests.functional.export.test_export_application import MACHINES
from tests.helpers import Agency, call, scale_clock, serve_agency, wait_for
from tests.workflow.test_export_application import IBAN, agency_token, exporter, form, page

OTHER_IBAN = "AZ10NABZ00000000137010009999"  # valid, but not the exporter's account


@pytest.fixture(autouse=True)
def agency_endpoints(local_aws: LocalAws) -> Iterator[Agency]:
    """The Ministry's and the authority's webhook receivers acknowledge; they answer later."""
    with serve_agency() as (receiver, url):
        for agency in (incentive.MINISTRY, incentive.AUTHORITY):
            webhooks.register(
                agency,
                webhooks.Registration(url=f"{url}/{agency}", scheme="v1a"),
                Actor.system("tests"),
            )
        yield receiver


def released(local_aws: LocalAws, token: str) -> str:
    """An application with an incentive asked, released by customs: its id."""
    status, filed, _ = call(
        local_aws, "POST", "/export/applications", token=token, body=form(MACHINES)
    )
    assert status == 201 and filed["status"] == "ready", filed
    app_id = str(filed["applicationId"])
    status, sent, _ = call(
        local_aws, "POST", f"/export/applications/{app_id}/declaration", token=token, body={}
    )
    assert status == 200 and sent["status"] == "released", sent
    assert sent["incentive"]["status"] == "asked"
    assert sent["incentive"]["iban"] == IBAN
    return app_id


def asked(local_aws: LocalAws, agency: str, subject: str) -> str:
    """The decision id of the request pending at `agency` about `subject`."""

    def found() -> str | None:
        for decision in exchange.decisions(agency, "pending").items:
            if decision.subject == subject:
                return decision.decision_id
        return None

    return str(wait_for(found, pump=local_aws.pump, what=f"{agency}'s request"))


def incentive_of(local_aws: LocalAws, token: str, app_id: str, status: str) -> dict[str, Any]:
    return dict(
        wait_for(
            lambda: (
                (shown := page(local_aws, token, app_id)["incentive"])["status"] == status and shown
            ),
            pump=local_aws.pump,
            what=f"the incentive {status}",
        )
    )


def post(
    local_aws: LocalAws, agency: str, path: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    status, answer, _ = call(local_aws, "POST", path, token=agency_token(agency), body=body)
    return status, dict(answer or {})


def transferred(
    local_aws: LocalAws, token: str, app_id: str, amount: str, iban: str, reference: str
) -> dict[str, str]:
    """The authority's answer that it transferred `amount` to `iban`, on the day of the grant in
    Baku (the transfer cannot be earlier, nor later than today)."""
    decided = clock.parse(page(local_aws, token, app_id)["incentive"]["decidedAt"])
    return {
        "outcome": "approve",
        "amount": amount,
        "transferredOn": decided.astimezone(clock.BAKU).date().isoformat(),
        "iban": iban,
        "reference": reference,
    }


def execution_status(app_id: str) -> str:
    machine = os.environ["EXPORT_INCENTIVE_STATE_MACHINE"]
    arn = machine.replace(":stateMachine:", ":execution:") + f":{app_id}"
    return str(boto3.client("stepfunctions").describe_execution(executionArn=arn)["status"])


def inbox_keys(owner: str) -> set[str]:
    items = Table("PLATFORM_TABLE").query(f"USER#{owner}", sk_prefix="INBOX#").items
    return {str(i["key"]) for i in items}


def test_x6_granted_with_its_amount_then_the_transfer_confirmed(local_aws: LocalAws) -> None:
    """X6: after the release the incentive's data (exporter, goods, declaration, account) is at
    the Ministry of Economy; it grants 1260.00 AZN: the exporter is told (cabinet, e-mail,
    mobile) and the financial markets authority is asked to confirm the transfer; it confirms
    the amount, the day and the account, and the exporter sees them on the status page."""
    token = exporter()
    app_id = released(local_aws, token)
    ministry = asked(local_aws, "IN", incentive.subject(app_id))
    request = exchange.decision_of("IN", ministry)
    assert request["kind"] == "export-incentive"
    assert request["payload"]["exporter"]["voen"] == "1400500071"
    assert request["payload"]["iban"] == IBAN
    assert request["payload"]["declaration"]["number"].startswith("AZ-EX-")
    assert request["payload"]["goods"][0]["hsCode"] == "8479820000"

    path = f"/export/incentives/{ministry}/assessment"
    status, problem = post(local_aws, "IN", path, {"outcome": "approve"})
    assert (status, problem["errors"][0]["field"]) == (422, "amount")
    # Only the Ministry answers it (G8).
    assert post(local_aws, "MBNP", path, {"outcome": "approve", "amount": "1.00"})[0] == 403
    status, answered = post(local_aws, "IN", path, {"outcome": "approve", "amount": "1260.00"})
    assert status == 200, answered
    assert answered["status"] == "answered"
    # One answer only.
    assert post(local_aws, "IN", path, {"outcome": "reject", "reason": "x"})[0] == 409

    granted = incentive_of(local_aws, token, app_id, "granted")
    assert (granted["amount"], granted["currency"]) == ("1260.00", "AZN")
    assert granted["decisionId"] == ministry
    owner = page(local_aws, token, app_id)["owner"]
    assert "notice.export-incentive-granted" in inbox_keys(owner)

    authority = asked(local_aws, "MBNP", incentive.transfer_subject(app_id))
    request = exchange.decision_of("MBNP", authority)
    assert request["kind"] == "export-incentive-transfer"
    assert (request["payload"]["amount"], request["payload"]["iban"]) == ("1260.00", IBAN)

    path = f"/export/incentives/{authority}/transfer"
    confirmed = transferred(local_aws, token, app_id, "1260.00", IBAN, "ÖT-2026-000123")
    for wrong, field in (
        ({"amount": "1200.00"}, "amount"),
        ({"iban": OTHER_IBAN}, "iban"),
        ({"iban": IBAN[:-1] + "5"}, "iban"),  # check digits do not hold
        ({"iban": "DE89370400440532013000"}, "iban"),  # not a bank in Azerbaijan
        ({"transferredOn": "2099-01-01"}, "transferredOn"),
        ({"reference": None}, "reference"),
    ):
        status, problem = post(local_aws, "MBNP", path, confirmed | wrong)
        assert (status, problem["errors"][0]["field"]) == (422, field), (wrong, problem)
    status, answered = post(local_aws, "MBNP", path, confirmed)
    assert status == 200, answered
    # Issue 15 review item 1 (G3, DESIGN rule 6): the details went through the exchange's one
    # answer path: those refused against the grant (amount, account, date; a body the route's
    # model refuses never reaches it) are in its message log with their 422, the taken ones are
    # stored and audited with the outcome, a second answer is the exchange's 409.
    log = exchange.evidence_of("MBNP", authority).items
    assert [e.response_status for e in log if e.direction == "in"] == [422] * 3 + [200]
    stored = exchange.decision_of("MBNP", authority)
    assert stored["details"]["reference"] == "ÖT-2026-000123"
    trail = Table("AUDIT_TABLE").query_all(f"DECISION#{authority}")
    taken = next(e for e in trail if e.get("action") == "decision-answered")
    assert taken["after"]["details"]["transferredOn"] == confirmed["transferredOn"]
    status, problem = post(local_aws, "MBNP", path, confirmed | {"reference": "ÖT-2"})
    assert (status, problem["code"]) == (409, "exchange.already-answered")
    assert list(EXPORT.query_all(key(app_id)[0], sk_prefix="INCENTIVE-ANSWER#")) == []

    done = incentive_of(local_aws, token, app_id, "transferred")
    assert done["transfer"]["amount"] == "1260.00"
    assert done["transfer"]["transferredOn"] == confirmed["transferredOn"]
    assert done["transfer"]["iban"] == IBAN
    assert done["transfer"]["reference"] == "ÖT-2026-000123"
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    assert "notice.export-incentive-transferred" in inbox_keys(owner)
    # The exchange's message log proves the amount the Ministry sent (DESIGN rule 6).
    log = exchange.evidence_of("IN", ministry).items
    assert any("1260.00" in (e.request_body or "") and e.response_status == 200 for e in log)


def test_x6_refused_with_its_reason_and_no_transfer_asked(local_aws: LocalAws) -> None:
    """X6: the Ministry refuses with a reason: the exporter's cabinet, history and inbox say
    why; the authority is never asked; the workflow ends."""
    token = exporter()
    app_id = released(local_aws, token)
    ministry = asked(local_aws, "IN", incentive.subject(app_id))
    status, problem = post(
        local_aws, "IN", f"/export/incentives/{ministry}/assessment", {"outcome": "reject"}
    )
    assert (status, problem["errors"][0]["field"]) == (422, "reason")
    reason = "Vergi borcu var / The exporter owes tax"
    status, _ = post(
        local_aws,
        "IN",
        f"/export/incentives/{ministry}/assessment",
        {"outcome": "reject", "reason": reason},
    )
    assert status == 200
    refused = incentive_of(local_aws, token, app_id, "refused")
    assert refused["reason"] == reason and refused["amount"] is None
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    owner = page(local_aws, token, app_id)["owner"]
    assert "notice.export-incentive-refused" in inbox_keys(owner)
    links = Table("PLATFORM_TABLE").query_all(f"DECISIONS-OF#{incentive.transfer_subject(app_id)}")
    assert list(links) == []


def test_x6_a_transfer_refused_for_a_closed_account_is_asked_again_for_another(
    local_aws: LocalAws,
) -> None:
    """X6 (§10.3.3.4, §4.2.11; issue 15's gap): the authority cannot pay into the account (it is
    closed). The exporter is told why and until when another account may be given; it gives
    one on the portal, and the same workflow asks the authority again, through the exchange,
    about the new account (a request of its own: the first was answered). The confirmation
    must name the new account; the status page keeps the refused one."""
    token = exporter()
    app_id = released(local_aws, token)
    ministry = asked(local_aws, "IN", incentive.subject(app_id))
    path = f"/export/incentives/{ministry}/assessment"
    assert post(local_aws, "IN", path, {"outcome": "approve", "amount": "500.00"})[0] == 200
    first = asked(local_aws, "MBNP", incentive.transfer_subject(app_id))
    closed = {"outcome": "reject", "reason": "Hesab bağlıdır / The account is closed"}
    assert post(local_aws, "MBNP", f"/export/incentives/{first}/transfer", closed)[0] == 200
    refused = incentive_of(local_aws, token, app_id, "transfer-refused")
    assert refused["reason"] == closed["reason"]
    owner = page(local_aws, token, app_id)["owner"]
    assert "notice.export-incentive-transfer-refused" in inbox_keys(owner)

    account = f"/export/applications/{app_id}/incentive-account"
    status, problem, _ = call(local_aws, "POST", account, token=token, body={"iban": IBAN})
    assert (status, problem["errors"][0]["field"]) == (422, "iban")  # the closed one again
    status, shown, _ = call(local_aws, "POST", account, token=token, body={"iban": OTHER_IBAN})
    assert status == 200, shown
    assert shown["incentive"]["status"] == "granted"
    assert shown["incentive"]["iban"] == OTHER_IBAN
    assert shown["incentive"]["refusedAccounts"] == [IBAN]
    assert call(local_aws, "POST", account, token=token, body={"iban": OTHER_IBAN})[0] == 409

    again = asked(local_aws, "MBNP", incentive.transfer_subject(app_id, 2))
    assert again != first
    request = exchange.decision_of("MBNP", again)
    assert (request["payload"]["amount"], request["payload"]["iban"]) == ("500.00", OTHER_IBAN)
    transfer = f"/export/incentives/{again}/transfer"
    confirmed = transferred(local_aws, token, app_id, "500.00", OTHER_IBAN, "ÖT-2026-000777")
    status, problem = post(local_aws, "MBNP", transfer, confirmed | {"iban": IBAN})
    assert (status, problem["errors"][0]["field"]) == (422, "iban")
    # The first request was answered: it takes no second answer.
    assert post(local_aws, "MBNP", f"/export/incentives/{first}/transfer", confirmed)[0] == 409
    assert post(local_aws, "MBNP", transfer, confirmed)[0] == 200
    done = incentive_of(local_aws, token, app_id, "transferred")
    assert done["transfer"]["iban"] == OTHER_IBAN and done["refusedAccounts"] == [IBAN]
    wait_for(lambda: execution_status(app_id) == "SUCCEEDED", pump=local_aws.pump)
    trail = Table("AUDIT_TABLE").query_all(f"EXPORTAPP#{app_id}")
    assert "export-incentive-account-changed" in {e.get("action") for e in trail}


def test_x6_silence_is_escalated_and_the_request_stays_open(
    local_aws: LocalAws, monkeypatch: pytest.MonkeyPatch
) -> None:
    """X6, DESIGN rule 6: the Ministry does not answer by the deadline (a service level: the
    seed sets none). Silence grants no public money: the missed deadline is recorded, the
    operator alerted and the exporter's history told, and the same request (one decision id)
    stays open with a new deadline; the Ministry's later answer then counts."""
    token = exporter()
    scale_clock(monkeypatch, 0.5)
    app_id = released(local_aws, token)
    first = page(local_aws, token, app_id)["incentive"]["deadline"]
    ministry = asked(local_aws, "IN", incentive.subject(app_id))

    def escalated() -> list[Any] | None:
        items = list(EXPORT.query_all(key(app_id)[0], sk_prefix="INCENTIVE-ESCALATION#"))
        return items or None

    escalations = wait_for(escalated, pump=local_aws.pump, what="the escalation")
    assert escalations[0]["missedDeadline"] == first
    assert escalations[0]["agency"] == "IN"
    # Asked again: the same decision, pending with the next deadline.
    again = wait_for(
        lambda: (
            (d := exchange.decision_of("IN", ministry))["status"] == "pending"
            and d["deadline"] > first
            and d
        ),
        pump=local_aws.pump,
        what="the request reopened",
    )
    scale_clock(monkeypatch, 86400)
    shown = page(local_aws, token, app_id)["incentive"]
    assert shown["status"] == "asked" and shown["escalations"] >= 1
    trail = Table("AUDIT_TABLE").query_all(f"EXPORTAPP#{app_id}")
    assert "export-incentive-overdue" in {e.get("action") for e in trail}
    # The Ministry answers the request it holds. The wait the workflow computed while the
    # clock ran fast may still end first: that answer is then late (410, nothing kept) and the
    # request is asked again, so the Ministry answers again until one counts.
    path = f"/export/incentives/{ministry}/assessment"

    def answered() -> dict[str, Any] | None:
        status, body = post(local_aws, "IN", path, {"outcome": "approve", "amount": "99.50"})
        assert status in (200, 410), body
        return body if status == 200 else None

    wait_for(answered, pump=local_aws.pump, what="the Ministry's answer taken")
    assert again["decisionId"] == ministry
    assert incentive_of(local_aws, token, app_id, "granted")["amount"] == "99.50"


def test_x6_an_approval_without_an_amount_grants_nothing_and_alerts_the_operator(
    local_aws: LocalAws,
) -> None:
    """X6: the Ministry approves at the exchange's generic callback, which carries no amount:
    no sum the Ministry never stated is granted or told to the exporter; the incentive ends
    `failed` and the operator is alerted (the workflow fails, its alarm rings)."""
    token = exporter()
    app_id = released(local_aws, token)
    ministry = asked(local_aws, "IN", incentive.subject(app_id))
    status, _ = post(local_aws, "IN", f"/agencies/IN/decisions/{ministry}", {"outcome": "approve"})
    assert status == 200
    failed = incentive_of(local_aws, token, app_id, "failed")
    assert failed["amount"] is None
    wait_for(lambda: execution_status(app_id) == "FAILED", pump=local_aws.pump)
    owner = page(local_aws, token, app_id)["owner"]
    assert "notice.export-incentive-granted" not in inbox_keys(owner)
    trail = Table("AUDIT_TABLE").query_all(f"EXPORTAPP#{app_id}")
    assert "export-incentive-failed" in {e.get("action") for e in trail}
